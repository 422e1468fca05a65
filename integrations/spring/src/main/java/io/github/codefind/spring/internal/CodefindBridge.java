package io.github.codefind.spring.internal;

import io.github.codefind.Codefind;
import io.github.codefind.PatchListener;
import io.github.codefind.PatchResult;

/** The only class that implements a codefind interface: it hands applied patches to a follower. */
final class CodefindBridge implements PatchListener {
    private final PatchFollower follower;

    private CodefindBridge(PatchFollower follower) {
        this.follower = follower;
    }

    /**
     * @param follower told of every applied patch
     * @return the registration, for {@link #unregister}
     */
    static Object register(PatchFollower follower) {
        CodefindBridge bridge = new CodefindBridge(follower);
        Codefind.addListener(bridge);
        return bridge;
    }

    /** @param registration what {@link #register} returned */
    static void unregister(Object registration) {
        Codefind.removeListener((CodefindBridge) registration);
    }

    @Override
    public void patched(PatchResult result) {
        if (result.applied() && result.patch().isPresent()) {
            follower.follow(result.patch().get(), "codefind: " + result.timings());
        }
    }
}

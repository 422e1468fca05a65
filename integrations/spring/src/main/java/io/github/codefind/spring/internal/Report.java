package io.github.codefind.spring.internal;

import io.github.codefind.spring.CodePatchedEvent;
import io.github.codefind.spring.RefreshFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationContext;

/** What following one patch did, collected as it happens; becomes the {@link CodePatchedEvent}. */
final class Report {
    /** The outcome of a re-creation that failed before the new instance was registered. */
    static final String OLD_INSTANCE_SERVES = "the old instance keeps serving";
    /** The outcome of a failure to re-register request mappings, after which the old ones are put back. */
    static final String OLD_MAPPINGS_KEPT = "its previous request mappings are kept";
    /** The outcome of a failure after the new instance was registered. */
    static final String NEW_INSTANCE_IN_PLACE = "the new instance is in place";
    /** The outcome of a new class that could not become a bean. */
    static final String NO_NEW_BEAN = "no bean is defined for it";

    final Set<String> registered = new LinkedHashSet<>();
    final Set<String> recreated = new LinkedHashSet<>();
    final Set<String> reinjected = new LinkedHashSet<>();
    final Set<String> remapped = new LinkedHashSet<>();
    final List<String> mappingsAdded = new ArrayList<>();
    final List<String> mappingsRemoved = new ArrayList<>();
    final Set<String> caches = new LinkedHashSet<>();
    final Set<String> notes = new LinkedHashSet<>();
    final List<RefreshFailure> failures = new ArrayList<>();

    /**
     * Records a refresh that failed.
     *
     * @param beanName the bean
     * @param action what was attempted
     * @param cause why it failed
     * @param outcome what is in place instead, such as {@link #OLD_INSTANCE_SERVES}; null if not known
     */
    void failure(String beanName, String action, Throwable cause, String outcome) {
        failures.add(new RefreshFailure(beanName, action, cause, outcome));
    }

    CodePatchedEvent toEvent(ApplicationContext context, PatchPlan plan, Duration duration) {
        return new CodePatchedEvent(context, plan.id(), plan.classNames(), registered, recreated, reinjected, remapped,
                mappingsAdded, mappingsRemoved, new ArrayList<>(caches), new ArrayList<>(notes), failures, duration);
    }
}

package io.github.codefind.demo;

import io.github.codefind.conform.Change;
import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.CodeUnit;
import io.github.codefind.conform.Conformable;
import io.github.codefind.conform.MethodDescriptor;
import io.github.codefind.conform.MethodUnit;
import io.github.codefind.conform.Patch;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The looks of each kind of fish, memoised: a look is built once per kind, by calling
 * {@code Aquarium.sprite} and {@code Aquarium.colour} and mirroring the sprite for fish that swim
 * left, and then reused every frame.
 *
 * <p>That makes the palette's state derived from code. Edit {@code Aquarium.sprite} while the demo
 * runs and the new method body is live at once, yet the fish would keep their old look forever,
 * since nobody calls the method again. Hence {@link Conformable}: codefind finds this object
 * through the code units it holds in a field (and declares in {@link #codeDependencies()}), calls
 * {@link #conform(Patch)}, and the palette drops its looks; the next frame builds them anew.
 */
public final class Palette implements Conformable {
    /** The methods whose results are memoised. Held in a field, so that codefind finds this object. */
    private final List<MethodUnit> memoised;
    private final Set<CodeUnit> dependencies;
    /** Derived state: replaced whole by {@link #conform}, never cleared in place. */
    private volatile Map<String, Look> looks = new ConcurrentHashMap<>();
    private volatile String notice = "Edit a line marked '<- edit me' in Aquarium.java while this runs.";

    /** A palette with nothing built yet. */
    public Palette() {
        memoised = List.of(aquariumMethod("sprite", String.class), aquariumMethod("colour", int.class));
        dependencies = Set.copyOf(memoised);
    }

    private static MethodUnit aquariumMethod(String name, Class<?> returnType) {
        return MethodUnit.of(ClassUnit.of(Aquarium.class), name,
                MethodDescriptor.of(MethodType.methodType(returnType, String.class)));
    }

    /**
     * The look of a kind of fish, built on first use.
     *
     * @param kind the kind, such as {@code guppy}
     * @return its look
     */
    public Look look(String kind) {
        return looks.computeIfAbsent(kind, Palette::build);
    }

    /** @return what the last patch did to this palette, for the status line */
    public String notice() {
        return notice;
    }

    /** @return the memoised methods: precomputed and immutable, as the protocol asks */
    @Override
    public Set<CodeUnit> codeDependencies() {
        return dependencies;
    }

    /**
     * Drops every look if the patch changed the behaviour of a memoised method, or of this class;
     * keeps them otherwise, for instance when only other methods of {@code Aquarium} changed.
     *
     * @param patch the changes relevant to this palette
     */
    @Override
    public void conform(Patch patch) {
        Patch behaviour = patch.filter(Change::altersBehaviour); // moved lines alone change nothing
        List<String> changed = new ArrayList<>();
        for (MethodUnit method : memoised) {
            if (behaviour.affects(method)) {
                changed.add(method.name());
            }
        }
        if (behaviour.affects(ClassUnit.of(Palette.class))) {
            changed.add("Palette");
        }
        if (changed.isEmpty()) {
            notice = "palette kept (patch #" + patch.id() + ")";
        } else {
            looks = new ConcurrentHashMap<>();
            notice = "palette rebuilt (patch #" + patch.id() + ": " + String.join(", ", changed) + ")";
        }
    }

    private static Look build(String kind) {
        String right = Aquarium.sprite(kind);
        if (right == null || right.isEmpty()) {
            right = "?";
        }
        return new Look(right, mirror(right), Aquarium.colour(kind));
    }

    /** The sprite reversed, with brackets turned the other way: {@code ><(('>} becomes {@code <'))><}. */
    static String mirror(String sprite) {
        String pairs = "<>()[]{}/\\";
        StringBuilder mirrored = new StringBuilder(sprite.length());
        for (int i = sprite.length() - 1; i >= 0; i--) {
            char c = sprite.charAt(i);
            int pair = pairs.indexOf(c);
            mirrored.append(pair < 0 ? c : pairs.charAt(pair ^ 1));
        }
        return mirrored.toString();
    }

    /**
     * How a kind of fish is drawn.
     *
     * @param right the sprite swimming right
     * @param left the sprite swimming left
     * @param colour the ANSI colour code; 0 for the terminal's default
     */
    public record Look(String right, String left, int colour) {
        /**
         * @param swimmingRight which way the fish swims
         * @return the sprite for that way
         */
        public String facing(boolean swimmingRight) {
            return swimmingRight ? right : left;
        }
    }
}

package io.github.codefind.spring;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;

/**
 * Published after each applied codefind patch, once the application context has followed it: what
 * changed, and what was refreshed. Listeners run on the thread that applied the patch (codefind's
 * file watcher, or the caller of {@code Codefind.patch}).
 *
 * <p>A refresh that failed leaves the bean as it was (a bean that could not be re-created keeps its
 * old instance, which keeps serving); {@link #failures()} names the bean, the cause and what is in place.
 */
public class CodePatchedEvent extends ApplicationEvent {
    /** The version of this class's serialized form. */
    private static final long serialVersionUID = 1L;

    /** @serial codefind's id of the patch */
    private final long patchId;
    private final transient List<String> changedClasses;
    private final transient Set<String> registeredBeans;
    private final transient Set<String> recreatedBeans;
    private final transient Set<String> reinjectedBeans;
    private final transient Set<String> remappedBeans;
    private final transient List<String> mappingsAdded;
    private final transient List<String> mappingsRemoved;
    private final transient List<String> clearedCaches;
    private final transient List<String> notes;
    private final transient List<RefreshFailure> failures;
    private final transient Duration duration;

    /**
     * Creates the event.
     *
     * @param context the application context that followed the patch
     * @param patchId codefind's id of the patch
     * @param changedClasses the binary names of the classes the patch changed or added
     * @param registeredBeans beans defined from new classes
     * @param recreatedBeans beans whose instances were replaced by new ones
     * @param reinjectedBeans beans whose references to a re-created bean now point at the new instance
     * @param remappedBeans handler beans whose request mappings were registered again
     * @param mappingsAdded request mappings that now exist and did not before
     * @param mappingsRemoved request mappings that existed and do not any more
     * @param clearedCaches the Spring caches that were cleared
     * @param notes things the user should know, such as an annotation change that is not followed
     * @param failures refreshes that failed
     * @param duration how long following the patch took
     */
    public CodePatchedEvent(ApplicationContext context, long patchId, List<String> changedClasses,
            Set<String> registeredBeans, Set<String> recreatedBeans, Set<String> reinjectedBeans,
            Set<String> remappedBeans, List<String> mappingsAdded, List<String> mappingsRemoved,
            List<String> clearedCaches, List<String> notes, List<RefreshFailure> failures, Duration duration) {
        super(context);
        this.patchId = patchId;
        this.changedClasses = List.copyOf(changedClasses);
        this.registeredBeans = Set.copyOf(registeredBeans);
        this.recreatedBeans = Set.copyOf(recreatedBeans);
        this.reinjectedBeans = Set.copyOf(reinjectedBeans);
        this.remappedBeans = Set.copyOf(remappedBeans);
        this.mappingsAdded = List.copyOf(mappingsAdded);
        this.mappingsRemoved = List.copyOf(mappingsRemoved);
        this.clearedCaches = List.copyOf(clearedCaches);
        this.notes = List.copyOf(notes);
        this.failures = List.copyOf(failures);
        this.duration = duration;
    }

    /** @return the application context that followed the patch */
    public ApplicationContext getApplicationContext() {
        return (ApplicationContext) getSource();
    }

    /** @return codefind's id of the patch */
    public long patchId() {
        return patchId;
    }

    /** @return the binary names of the classes the patch changed or added */
    public List<String> changedClasses() {
        return changedClasses;
    }

    /** @return beans defined from new classes (and their {@code @Bean} methods) */
    public Set<String> registeredBeans() {
        return registeredBeans;
    }

    /** @return beans whose instances were replaced by new ones */
    public Set<String> recreatedBeans() {
        return recreatedBeans;
    }

    /** @return beans whose references to a re-created bean now point at its new instance */
    public Set<String> reinjectedBeans() {
        return reinjectedBeans;
    }

    /** @return handler beans whose request mappings were registered again */
    public Set<String> remappedBeans() {
        return remappedBeans;
    }

    /** @return request mappings that now exist and did not before, such as {@code {GET [/new]}} */
    public List<String> mappingsAdded() {
        return mappingsAdded;
    }

    /** @return request mappings that existed before the patch and do not any more */
    public List<String> mappingsRemoved() {
        return mappingsRemoved;
    }

    /** @return the Spring caches that were cleared, such as {@code ReflectionUtils} */
    public List<String> clearedCaches() {
        return clearedCaches;
    }

    /** @return things the user should know, such as an annotation change that is not followed */
    public List<String> notes() {
        return notes;
    }

    /** @return refreshes that failed, each with what is in place instead ({@link RefreshFailure#outcome()}) */
    public List<RefreshFailure> failures() {
        return failures;
    }

    /** @return how long following the patch took, from codefind's notification to this event */
    public Duration duration() {
        return duration;
    }

    /** @return true if every refresh succeeded */
    public boolean succeeded() {
        return failures.isEmpty();
    }

    /**
     * @return one line, such as {@code patch #3 (demo.Greeter): re-created [greeter]; re-injected
     *     [helloController]; 1.8 ms}
     */
    public String summary() {
        StringBuilder s = new StringBuilder("patch #").append(patchId).append(" (")
                .append(String.join(", ", changedClasses)).append(")");
        append(s, "new beans", registeredBeans);
        append(s, "re-created", recreatedBeans);
        append(s, "re-injected into", reinjectedBeans);
        append(s, "request mappings re-registered for", remappedBeans);
        append(s, "mappings added", mappingsAdded);
        append(s, "mappings removed", mappingsRemoved);
        if (registeredBeans.isEmpty() && recreatedBeans.isEmpty() && remappedBeans.isEmpty() && failures.isEmpty()) {
            s.append("; no bean needed a refresh");
        }
        append(s, "FAILED", failures);
        append(s, "notes", notes);
        s.append("; ").append(String.format(java.util.Locale.ROOT, "%.1f ms", duration.toNanos() / 1e6));
        return s.toString();
    }

    private static void append(StringBuilder s, String label, java.util.Collection<?> items) {
        if (!items.isEmpty()) {
            s.append("; ").append(label).append(' ').append(items);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + summary() + "]";
    }
}

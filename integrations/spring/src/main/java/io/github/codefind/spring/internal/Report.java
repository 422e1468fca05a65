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
    final Set<String> registered = new LinkedHashSet<>();
    final Set<String> recreated = new LinkedHashSet<>();
    final Set<String> reinjected = new LinkedHashSet<>();
    final Set<String> remapped = new LinkedHashSet<>();
    final List<String> mappingsAdded = new ArrayList<>();
    final List<String> mappingsRemoved = new ArrayList<>();
    final Set<String> caches = new LinkedHashSet<>();
    final Set<String> notes = new LinkedHashSet<>();
    final List<RefreshFailure> failures = new ArrayList<>();

    void failure(String beanName, String action, Throwable cause) {
        failures.add(new RefreshFailure(beanName, action, cause));
    }

    CodePatchedEvent toEvent(ApplicationContext context, PatchPlan plan, Duration duration) {
        return new CodePatchedEvent(context, plan.id(), plan.classNames(), registered, recreated, reinjected, remapped,
                mappingsAdded, mappingsRemoved, new ArrayList<>(caches), new ArrayList<>(notes), failures, duration);
    }
}

package io.github.codefind.spring.internal;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.util.ReflectionUtils;

/**
 * Re-creates singleton beans from their definitions and classes as they are now, and re-injects the
 * new instance where the old one was injected. The old instance keeps serving until the new one is
 * fully created (constructed, injected, initialized, proxied): if creation fails, nothing changes.
 * Then the registered singleton is swapped in one step, the beans that depend on it are pointed at the
 * new instance, the caller is told (so that what resolved the old instance outside the bean factory,
 * such as request mappings, can resolve it again), and the old one is destroyed (its
 * {@code @PreDestroy} and {@code destroy} run).
 */
final class Recreator {
    private final ConfigurableApplicationContext context;
    private final DefaultListableBeanFactory factory;

    Recreator(ConfigurableApplicationContext context, DefaultListableBeanFactory factory) {
        this.context = context;
        this.factory = factory;
    }

    /**
     * @param names beans to re-create
     * @return the same beans, each after the others of the set it depends on
     */
    List<String> inDependencyOrder(Set<String> names) {
        List<String> ordered = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String n : names) {
            visit(n, names, visiting, ordered);
        }
        return ordered;
    }

    private void visit(String name, Set<String> among, Set<String> visiting, List<String> ordered) {
        if (ordered.contains(name) || !visiting.add(name)) {
            return;
        }
        Deque<String> dependencies = new ArrayDeque<>(List.of(factory.getDependenciesForBean(name)));
        for (String d : dependencies) {
            if (among.contains(d)) {
                visit(d, among, visiting, ordered);
            }
        }
        ordered.add(name);
    }

    /**
     * Re-creates one bean, if it is a singleton that exists; a bean not created yet, or not a singleton,
     * is only made to forget what its definition resolved from the old class.
     *
     * @param name the bean
     * @param report where to say what happened
     * @param replaced told, with the instance that was registered before, when the registered instance
     *     is no longer that one: after the new one is registered and injected, before the old one is
     *     destroyed; also when someone else replaced it meanwhile. Not told if creation fails, since
     *     the old instance then stays registered.
     */
    void recreate(String name, Report report, Consumer<Object> replaced) {
        if (!factory.containsBeanDefinition(name)) {
            return;
        }
        BeanDefinition definition = factory.getMergedBeanDefinition(name);
        if (!(definition instanceof RootBeanDefinition) || !definition.isSingleton() || !factory.containsSingleton(name)) {
            SpringInternals.clearMergedBeanDefinition(factory, name);
            return;
        }
        if (factory.isFactoryBean(name)) {
            report.notes.add("'" + name + "' is a FactoryBean; it is not re-created: restart to apply its changes");
            return;
        }
        if (!SpringInternals.canReplaceSingletons()) {
            report.failure(name, "re-create", new SpringInternals.Unavailable(
                    "this Spring version does not let codefind replace a singleton", null),
                    Report.OLD_INSTANCE_SERVES);
            return;
        }
        RootBeanDefinition merged = (RootBeanDefinition) definition;
        Object old = factory.getSingleton(name);
        // A copy without the constructor, factory method and arguments resolved from the old class.
        RootBeanDefinition fresh = new RootBeanDefinition(merged);
        Method factoryMethod = merged.getResolvedFactoryMethod();
        if (factoryMethod != null) {
            Method now = ReflectionUtils.findMethod(factoryMethod.getDeclaringClass(), factoryMethod.getName(),
                    factoryMethod.getParameterTypes());
            fresh.setResolvedFactoryMethod(now != null ? now : factoryMethod);
        }
        // A @Bean method refuses to build a singleton that exists: build a prototype, register it as the singleton.
        boolean viaFactoryMethod = merged.getFactoryMethodName() != null;
        if (viaFactoryMethod) {
            fresh.setScope(BeanDefinition.SCOPE_PROTOTYPE);
        }
        Object created;
        try {
            created = SpringInternals.createBean(factory, name, fresh);
            if (viaFactoryMethod) {
                Object raw = AopProxyUtils.getSingletonTarget(created);
                SpringInternals.registerDisposable(factory, name, raw != null ? raw : created, merged);
            }
        } catch (RuntimeException | LinkageError e) {
            // Nothing was swapped: the old instance is still the registered one, where dependents and
            // request mappings lead.
            report.failure(name, "re-create", e, Report.OLD_INSTANCE_SERVES);
            return;
        }
        if (old == null || !SpringInternals.replaceSingleton(factory, name, old, created)) {
            destroy(name, created, report);
            report.failure(name, "re-create", new IllegalStateException("its instance was replaced meanwhile by"
                    + " someone else; the new instance was discarded"),
                    "the instance registered meanwhile serves");
            // What resolved the instance we saw may hold it still; the one registered now is not ours to
            // destroy, but it is the one to serve.
            tell(replaced, name, old, report);
            return;
        }
        SpringInternals.clearMergedBeanDefinition(factory, name);
        report.recreated.add(name);
        reinject(name, old, created, report);
        tell(replaced, name, old, report);
        if (old instanceof Lifecycle && ((Lifecycle) old).isRunning()) {
            try {
                ((Lifecycle) old).stop();
                ((Lifecycle) created).start();
            } catch (RuntimeException e) {
                report.failure(name, "restart the Lifecycle bean", e, Report.NEW_INSTANCE_IN_PLACE);
            }
        }
        if (created instanceof SmartInitializingSingleton) {
            try {
                ((SmartInitializingSingleton) created).afterSingletonsInstantiated();
            } catch (RuntimeException e) {
                report.failure(name, "call afterSingletonsInstantiated on the new instance", e,
                        Report.NEW_INSTANCE_IN_PLACE);
            }
        }
        destroy(name, old, report);
        if (viaFactoryMethod && created instanceof ApplicationListener<?>) {
            context.addApplicationListener((ApplicationListener<?>) created);
        }
    }

    private static void tell(Consumer<Object> replaced, String name, Object old, Report report) {
        try {
            replaced.accept(old);
        } catch (RuntimeException | LinkageError e) {
            // The old instance is destroyed all the same: it is not registered any more.
            report.failure(name, "follow its new instance", e, null);
        }
    }

    private void reinject(String name, Object old, Object created, Report report) {
        Object oldTarget = AopProxyUtils.getSingletonTarget(old);
        Object newTarget = AopProxyUtils.getSingletonTarget(created);
        for (String dependent : factory.getDependentBeans(name)) {
            if (!factory.containsSingleton(dependent)) {
                continue;
            }
            Object holder = factory.getSingleton(dependent);
            Object target = AopProxyUtils.getSingletonTarget(holder);
            holder = target != null ? target : holder;
            References.Outcome outcome = References.replace(holder, old, created);
            int replaced = outcome.replaced();
            List<String> missed = new ArrayList<>(outcome.missed());
            if (oldTarget != null && newTarget != null) {
                References.Outcome raw = References.replace(holder, oldTarget, newTarget);
                replaced += raw.replaced();
                missed.addAll(raw.missed());
            }
            if (replaced > 0) {
                report.reinjected.add(dependent);
            }
            if (!missed.isEmpty()) {
                report.notes.add("bean '" + dependent + "' still refers to the old '" + name + "' in " + missed);
            } else if (replaced == 0) {
                report.notes.add("bean '" + dependent + "' depends on '" + name + "' but holds no direct reference"
                        + " to it (a provider or lazy proxy sees the new one; a reference held deeper is stale)");
            }
        }
    }

    private void destroy(String name, Object instance, Report report) {
        Object target = AopProxyUtils.getSingletonTarget(instance);
        try {
            factory.destroyBean(name, target != null ? target : instance);
        } catch (RuntimeException e) {
            report.notes.add("destroying the old instance of '" + name + "' threw " + e);
        }
    }
}

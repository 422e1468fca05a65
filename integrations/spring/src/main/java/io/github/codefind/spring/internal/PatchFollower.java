package io.github.codefind.spring.internal;

import io.github.codefind.conform.ChangeKind;
import io.github.codefind.conform.MethodUnit;
import io.github.codefind.conform.Patch;
import io.github.codefind.spring.CodePatchedEvent;
import io.github.codefind.spring.RefreshFailure;
import java.lang.annotation.Annotation;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.CachedIntrospectionResults;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.AutowiredAnnotationBeanPostProcessor;
import org.springframework.beans.factory.annotation.InitDestroyAnnotationBeanPostProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.MergedBeanDefinitionPostProcessor;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ApplicationContextEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Makes one application context follow codefind's patches. Registered as codefind's patch listener once
 * the context is refreshed, it is told of every applied patch on the patching thread, after the new code
 * is live, and then:
 * <ol>
 *   <li>clears Spring's reflective caches if annotations or members changed ({@code ReflectionUtils},
 *       {@code AnnotationUtils} with {@code AnnotationsScanner}, {@code ResolvableType},
 *       {@code CachedIntrospectionResults}, injection and lifecycle metadata, merged bean definitions);
 *   <li>defines, creates and maps beans for new {@code @Component} classes in scanned packages;
 *   <li>re-creates singletons whose constructors, injection points or {@code @Bean} methods changed,
 *       re-injects them where the old instances were injected, and registers the request mappings of
 *       re-created controllers again, so that requests reach the new instances;
 *   <li>re-registers the request mappings of controllers whose mapping annotations changed;
 *   <li>publishes a {@link CodePatchedEvent}.
 * </ol>
 * A change to method bodies alone needs none of this: the JVM already runs the new code. Beans whose
 * classes did not change are not touched.
 */
public final class PatchFollower implements ApplicationListener<ApplicationContextEvent>, DisposableBean {
    private static final Log LOG = LogFactory.getLog(PatchFollower.class);

    private final ConfigurableApplicationContext context;
    private final DefaultListableBeanFactory factory;
    private final Recreator recreator;
    private final NewComponents newComponents;
    private final Mappings mvc;
    private BeanIndex index;
    private ScannedPackages scanned;
    private Object registration;

    /**
     * @param context the application context to keep in line with the code
     */
    public PatchFollower(ConfigurableApplicationContext context) {
        this.context = context;
        ConfigurableListableBeanFactory bf = context.getBeanFactory();
        this.factory = bf instanceof DefaultListableBeanFactory ? (DefaultListableBeanFactory) bf : null;
        this.recreator = factory == null ? null : new Recreator(context, factory);
        this.newComponents = factory == null ? null : new NewComponents(context, factory);
        this.mvc = Mappings.of(bf);
    }

    /**
     * Starts following patches when the context is refreshed, and stops when it closes.
     *
     * @param event a context event
     */
    @Override
    public void onApplicationEvent(ApplicationContextEvent event) {
        if (event.getApplicationContext() != context) {
            return;
        }
        if (event instanceof ContextRefreshedEvent) {
            start();
        } else if (event instanceof ContextClosedEvent) {
            stop();
        }
    }

    /** Stops following patches. */
    @Override
    public void destroy() {
        stop();
    }

    private synchronized void start() {
        if (registration == null) {
            registration = CodefindBridge.register(this);
            LOG.info("codefind-spring: this application follows codefind's patches");
        }
    }

    private synchronized void stop() {
        if (registration != null) {
            CodefindBridge.unregister(registration);
            registration = null;
        }
    }

    /**
     * Follows one applied patch, then publishes the event.
     *
     * @param patch the patch
     * @param engine what codefind says about the patch, for the log line
     * @return the event published; null if the context is not active
     */
    CodePatchedEvent follow(Patch patch, String engine) {
        if (!context.isActive()) {
            return null;   // refreshing or closing: the context will read the classes as they are, or never again
        }
        long start = System.nanoTime();
        PatchPlan plan = PatchPlan.of(patch);
        Report report = new Report();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        ClassLoader beans = context.getBeanFactory().getBeanClassLoader();
        if (beans != null) {
            thread.setContextClassLoader(beans);
        }
        try {
            synchronized (this) {
                follow(plan, report);
            }
        } catch (RuntimeException | LinkageError e) {
            report.failure("(application context)", "follow patch #" + plan.id(), e, null);
        } finally {
            thread.setContextClassLoader(previous);
        }
        CodePatchedEvent event = report.toEvent(context, plan, Duration.ofNanos(System.nanoTime() - start));
        for (RefreshFailure f : event.failures()) {
            LOG.error("codefind-spring: patch #" + plan.id() + ": " + f.message(), f.cause());
        }
        if (LOG.isInfoEnabled()) {
            LOG.info("codefind-spring: " + event.summary() + " (" + engine + ")");
        }
        try {
            context.publishEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("codefind-spring: a listener of CodePatchedEvent threw", e);
        }
        return event;
    }

    private void follow(PatchPlan plan, Report report) {
        if (factory == null) {
            report.notes.add("the bean factory is not a DefaultListableBeanFactory: beans are not refreshed");
            return;
        }
        if (index == null || index.isStale(factory)) {
            index = BeanIndex.build(factory);
        }
        if (plan.metadataChanged()) {
            clearCaches(plan, report);
        }
        List<Class<?>> fresh = newClasses(plan);
        if (!fresh.isEmpty()) {
            addBeans(fresh, report);
        }
        Set<String> recreate = new LinkedHashSet<>();
        Set<String> remap = new LinkedHashSet<>();
        Set<Class<?>> controllerClasses = new LinkedHashSet<>();
        for (PatchPlan.ClassChange change : plan.classes()) {
            if (!change.added()) {
                try {
                    decide(change, recreate, remap, controllerClasses, report);
                } catch (RuntimeException | LinkageError e) {
                    report.failure(change.name(), "work out what the change of the class means", e,
                            "its beans are left as they were");
                }
            }
        }
        Set<String> remapped = new LinkedHashSet<>();
        for (String name : recreator.inDependencyOrder(recreate)) {
            try {
                recreator.recreate(name, report, old -> {
                    // Spring MVC 7's handler methods keep the singleton they resolved first: registered
                    // again, they resolve the new instance instead of serving from the destroyed one.
                    if (mvc != null && (remap.contains(name) || mvc.hasMappings(name, old))) {
                        remapped.add(name);
                        remap(name, old, report);
                    }
                });
            } catch (RuntimeException | LinkageError e) {
                report.failure(name, "re-create", e, null);   // escaped from Recreator: where it stopped is unknown
            }
        }
        if (mvc != null) {
            for (String name : remap) {
                if (!remapped.contains(name)) {
                    remap(name, registered(name), report);
                }
            }
            if (!controllerClasses.isEmpty()) {
                report.caches.addAll(mvc.resetArgumentResolution(controllerClasses));
                for (Class<?> type : controllerClasses) {
                    if (mvc.forgetControllerClass(type)) {
                        report.caches.add("Spring MVC handler-method caches of " + type.getSimpleName());
                    }
                }
            }
        }
    }

    /** Drops what Spring cached from the classes' old reflective metadata. */
    private void clearCaches(PatchPlan plan, Report report) {
        ReflectionUtils.clearCache();
        AnnotationUtils.clearCache();
        ResolvableType.clearCache();
        CachedIntrospectionResults.clearClassLoader(factory.getBeanClassLoader());
        factory.clearMetadataCache();
        report.caches.add("ReflectionUtils");
        report.caches.add("AnnotationUtils/AnnotationsScanner");
        report.caches.add("ResolvableType");
        report.caches.add("CachedIntrospectionResults");
        report.caches.add("merged bean definitions");
        List<MergedBeanDefinitionPostProcessor> processors = new ArrayList<>();
        for (BeanPostProcessor p : factory.getBeanPostProcessors()) {
            if (p instanceof MergedBeanDefinitionPostProcessor) {
                processors.add((MergedBeanDefinitionPostProcessor) p);
            }
        }
        for (PatchPlan.ClassChange change : plan.classes()) {
            if (!change.metadataChanged()) {
                continue;
            }
            Class<?> type = null;
            for (String bean : index.beansOf(change.name())) {
                for (MergedBeanDefinitionPostProcessor p : processors) {
                    p.resetBeanDefinition(bean);
                }
                report.caches.add("injection metadata");
                type = type != null ? type : declaring(index.typeOf(bean), change.name());
            }
            if (type != null) {
                for (BeanPostProcessor p : processors) {
                    if (p instanceof InitDestroyAnnotationBeanPostProcessor) {
                        SpringInternals.removeKey(p, InitDestroyAnnotationBeanPostProcessor.class,
                                "lifecycleMetadataCache", type);
                    } else if (p instanceof AutowiredAnnotationBeanPostProcessor) {
                        SpringInternals.removeKey(p, AutowiredAnnotationBeanPostProcessor.class,
                                "candidateConstructorsCache", type);
                    }
                }
            }
        }
    }

    /** The new classes of the patch that component scanning would have made beans. */
    private List<Class<?>> newClasses(PatchPlan plan) {
        List<Class<?>> fresh = new ArrayList<>();
        for (PatchPlan.ClassChange change : plan.classes()) {
            if (!change.added() || index.contains(change.name())) {
                continue;
            }
            Class<?> type;
            try {
                type = ClassUtils.forName(change.name(), factory.getBeanClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                continue;   // defined into another application's class loader
            }
            if (!NewComponents.isCandidate(type)) {
                continue;
            }
            if (scanned == null) {
                scanned = ScannedPackages.of(factory);
            }
            if (scanned.covers(type)) {
                fresh.add(type);
            } else {
                LOG.debug("codefind-spring: new component " + type.getName() + " is outside the scanned packages "
                        + scanned);
            }
        }
        return fresh;
    }

    private void addBeans(List<Class<?>> types, Report report) {
        List<String> defined = newComponents.define(types, report);
        index = BeanIndex.build(factory);
        for (String name : defined) {
            try {
                BeanDefinition definition = factory.getMergedBeanDefinition(name);
                if (definition.isSingleton() && !definition.isLazyInit() && !definition.isAbstract()) {
                    Object bean = factory.getBean(name);
                    if (bean instanceof SmartInitializingSingleton) {
                        ((SmartInitializingSingleton) bean).afterSingletonsInstantiated();
                    }
                }
                report.registered.add(name);
            } catch (RuntimeException | LinkageError e) {
                String outcome = "its definition was removed again";
                try {
                    factory.removeBeanDefinition(name);   // no half-defined bean stays behind
                } catch (RuntimeException removal) {
                    e.addSuppressed(removal);
                    outcome = null;
                }
                report.failure(name, "create the new bean", e, outcome);
                continue;
            }
            Class<?> type = index.typeOf(name);
            if (mvc != null && type != null && mvc.isHandler(type)) {
                remap(name, registered(name), report);
            }
            if (type != null && hasEventListenerMethods(type)) {
                report.notes.add("the @EventListener methods of the new bean '" + name + "' are not registered:"
                        + " restart to receive those events");
            }
        }
        index = BeanIndex.build(factory);
    }

    /** What a changed class means for each bean it is part of. */
    private void decide(PatchPlan.ClassChange change, Set<String> recreate, Set<String> remap,
            Set<Class<?>> controllerClasses, Report report) {
        Set<String> beans = index.beansOf(change.name());
        if (beans.isEmpty()) {
            return;
        }
        for (String bean : beans) {
            Class<?> type = index.typeOf(bean);
            Class<?> declaring = declaring(type, change.name());
            if (type == null || declaring == null) {
                continue;
            }
            Object instance = registered(bean);
            boolean handler = mvc != null && (mvc.isHandler(type) || mvc.hasMappings(bean, instance));
            if (change.removed()) {
                if (handler) {
                    remap.add(bean);
                }
                continue;
            }
            if (change.constructorChanged() || change.classKinds().contains(ChangeKind.SIGNATURE)) {
                recreate.add(bean);
            }
            if (change.classKinds().contains(ChangeKind.ATTRIBUTES)) {
                // The class's or its fields' annotations changed (codefind does not say which): a
                // field's @Value, @Autowired or @Qualifier only takes effect in a new instance.
                if (hasAnnotatedFields(declaring)) {
                    recreate.add(bean);
                }
                if (handler) {
                    remap.add(bean);
                    controllerClasses.add(type);
                } else {
                    report.notes.add("the annotations of class " + change.name() + " changed: the definition of '"
                            + bean + "' (scope, @Primary, @Lazy, conditions) is not read again; restart to apply");
                }
            }
            for (Map.Entry<MethodUnit, Set<ChangeKind>> m : change.methods().entrySet()) {
                MethodUnit unit = m.getKey();
                if (unit.isConstructor() || unit.isStaticInitializer()
                        || Set.of(ChangeKind.BODY, ChangeKind.LINES).containsAll(m.getValue())) {
                    continue;
                }
                Executable now = resolve(declaring, unit);
                if (now == null && m.getValue().contains(ChangeKind.ADDED)) {
                    // On a stock JVM the method runs from a codefind companion class, which Spring's
                    // reflection never sees: re-creating or re-mapping the bean would not reach it.
                    report.notes.add(unit + " was added: code calls it, but this JVM"
                            + " keeps it outside the class, where Spring cannot see it; a mapping, @Bean or"
                            + " listener on it takes effect after a restart (or on JetBrains Runtime with"
                            + " -XX:+AllowEnhancedClassRedefinition)");
                    continue;
                }
                if (now instanceof Method && isBeanMethod((Method) now)) {
                    continue;   // the beans it produces are re-created below
                }
                if (now != null && isWebAnnotated(now) || handler && mvc.isHandlerMethod(bean, unit)) {
                    if (handler) {
                        remap.add(bean);
                        controllerClasses.add(type);
                    }
                } else {
                    // Injection points, @Value, lifecycle callbacks: only a new instance sees them.
                    recreate.add(bean);
                }
            }
        }
        recreate.addAll(producedByChangedBeanMethods(change, beans));
    }

    /** Whether a class declares a field with an annotation, such as an injected {@code @Value}. */
    private static boolean hasAnnotatedFields(Class<?> type) {
        for (java.lang.reflect.Field f : type.getDeclaredFields()) {
            if (f.getDeclaredAnnotations().length > 0) {
                return true;
            }
        }
        return false;
    }

    /** Beans produced by {@code @Bean} methods of the class that changed in any way but line numbers. */
    private Set<String> producedByChangedBeanMethods(PatchPlan.ClassChange change, Set<String> beansOfClass) {
        Set<String> changed = new LinkedHashSet<>();
        Class<?> declaring = null;
        for (String bean : beansOfClass) {
            declaring = declaring != null ? declaring : declaring(index.typeOf(bean), change.name());
        }
        if (declaring == null) {
            return Set.of();
        }
        for (Map.Entry<MethodUnit, Set<ChangeKind>> m : change.methods().entrySet()) {
            if (m.getKey().isConstructor() || m.getValue().equals(Set.of(ChangeKind.LINES))) {
                continue;
            }
            Executable now = resolve(declaring, m.getKey());
            if (now instanceof Method && isBeanMethod((Method) now)) {
                changed.add(now.getName());
            }
        }
        if (changed.isEmpty()) {
            return Set.of();
        }
        Set<String> products = new LinkedHashSet<>();
        for (String name : factory.getBeanDefinitionNames()) {
            BeanDefinition d = factory.getBeanDefinition(name);
            if (d.getFactoryMethodName() == null || !changed.contains(d.getFactoryMethodName())) {
                continue;
            }
            String factoryBean = d.getFactoryBeanName();
            boolean ours = factoryBean != null ? beansOfClass.contains(factoryBean)
                    : d instanceof AbstractBeanDefinition && change.name().equals(
                            ((AbstractBeanDefinition) d).getBeanClassName());
            if (ours) {
                products.add(name);
            }
        }
        return products;
    }

    /**
     * Registers a bean's request mappings again, from its class as it is now.
     *
     * @param bean the bean
     * @param instance an instance of it that handler methods may hold instead of its name (the one
     *     registered, or the one it replaced); null if there is none
     * @param report where to say what happened
     */
    private void remap(String bean, Object instance, Report report) {
        Class<?> type = index.typeOf(bean);
        if (type == null) {
            return;
        }
        try {
            Mappings.Remapped r = mvc.remap(bean, type, instance);
            report.remapped.add(bean);
            report.mappingsAdded.addAll(r.added());
            report.mappingsRemoved.addAll(r.removed());
        } catch (RuntimeException | LinkageError e) {
            report.failure(bean, "re-register request mappings", e, Report.OLD_MAPPINGS_KEPT);
        }
    }

    /** The bean's registered singleton; null if there is none (yet). */
    private Object registered(String bean) {
        return factory.containsSingleton(bean) ? factory.getSingleton(bean) : null;
    }

    /** The class of that name among a bean class, its superclasses and interfaces. */
    private static Class<?> declaring(Class<?> type, String name) {
        if (type == null) {
            return null;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        for (Class<?> i : ClassUtils.getAllInterfacesForClassAsSet(type)) {
            if (i.getName().equals(name)) {
                return i;
            }
        }
        return null;
    }

    private static Executable resolve(Class<?> declaring, MethodUnit unit) {
        try {
            return unit.resolveIn(declaring);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;   // removed, or not resolvable: treated as not annotated now
        }
    }

    private static boolean isBeanMethod(Method m) {
        return MergedAnnotations.from(m).isPresent(Bean.class);
    }

    /** Whether a method or its parameters carry Spring web annotations (mappings, bindings, handlers). */
    private static boolean isWebAnnotated(Executable e) {
        if (hasWebAnnotation(e.getAnnotations())) {
            return true;
        }
        for (Annotation[] parameter : e.getParameterAnnotations()) {
            if (hasWebAnnotation(parameter)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasWebAnnotation(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a.annotationType().getName().startsWith("org.springframework.web.")
                    || MergedAnnotations.from(a.annotationType()).stream()
                            .anyMatch(m -> m.getType().getName().startsWith("org.springframework.web."))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasEventListenerMethods(Class<?> type) {
        for (Method m : ReflectionUtils.getUniqueDeclaredMethods(type)) {
            if (MergedAnnotations.from(m).isPresent(EventListener.class)) {
                return true;
            }
        }
        return false;
    }
}

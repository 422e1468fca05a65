package io.github.codefind.spring.internal;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.AnnotatedGenericBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanNameGenerator;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotatedBeanDefinitionReader;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.ConfigurationClassPostProcessor;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.stereotype.Component;

/**
 * Turns new classes into beans, as component scanning would have at start-up: each new
 * {@code @Component} (including {@code @Service}, {@code @RestController}, {@code @Configuration}) in a
 * scanned package is defined, with its conditions evaluated, its {@code @Bean} methods and imports
 * processed and a {@code @Configuration} class enhanced, by Spring's own
 * {@link ConfigurationClassPostProcessor} working on a staging factory whose parent is the
 * application's. The definitions it produces are then copied into the application's factory.
 *
 * <p>Classes are taken from the JVM, not read from class files: a class codefind defined from a source
 * file that was compiled in memory has no file on the class path.
 */
final class NewComponents {
    private final ConfigurableApplicationContext context;
    private final DefaultListableBeanFactory factory;

    NewComponents(ConfigurableApplicationContext context, DefaultListableBeanFactory factory) {
        this.context = context;
        this.factory = factory;
    }

    /**
     * @param type a class
     * @return whether component scanning would pick it: a concrete, top-level or static nested class
     *     annotated with {@code @Component} or an annotation meta-annotated with it
     */
    static boolean isCandidate(Class<?> type) {
        int m = type.getModifiers();
        return !type.isInterface() && !type.isAnnotation() && !type.isEnum()
                && !Modifier.isAbstract(m) && !type.isAnonymousClass() && !type.isLocalClass() && !type.isSynthetic()
                && (!type.isMemberClass() || Modifier.isStatic(m))
                && MergedAnnotations.from(type).isPresent(Component.class);
    }

    /**
     * Defines beans for new classes, without creating them.
     *
     * @param types candidate classes, as {@link #isCandidate} accepts
     * @param report where to say what happened
     * @return the names of the bean definitions added to the application's factory, in order
     */
    List<String> define(List<Class<?>> types, Report report) {
        DefaultListableBeanFactory staging = new DefaultListableBeanFactory(factory);
        staging.setBeanClassLoader(factory.getBeanClassLoader());
        BeanNameGenerator generator = AnnotationBeanNameGenerator.INSTANCE;
        if (factory.containsSingleton(AnnotationConfigUtils.CONFIGURATION_BEAN_NAME_GENERATOR)) {
            generator = (BeanNameGenerator) factory.getSingleton(AnnotationConfigUtils.CONFIGURATION_BEAN_NAME_GENERATOR);
            staging.registerSingleton(AnnotationConfigUtils.CONFIGURATION_BEAN_NAME_GENERATOR, generator);
        }
        AnnotatedBeanDefinitionReader reader = new AnnotatedBeanDefinitionReader(staging, context.getEnvironment());
        reader.setBeanNameGenerator(generator);
        Set<String> infrastructure = Set.of(staging.getBeanDefinitionNames());
        Map<String, Class<?>> requested = new LinkedHashMap<>();
        for (Class<?> type : types) {
            String name = generator.generateBeanName(new AnnotatedGenericBeanDefinition(type), factory);
            if (factory.containsBeanDefinition(name) || factory.containsSingleton(name)) {
                report.failure(name, "define a bean for the new class " + type.getName(), new IllegalStateException(
                        "a bean named '" + name + "' already exists; rename the class or name the component"),
                        Report.NO_NEW_BEAN);
                continue;
            }
            reader.registerBean(type, name);
            if (staging.containsBeanDefinition(name)) {
                requested.put(name, type);
            } else {
                report.notes.add("the new class " + type.getName() + " is not a bean: its conditions do not match");
            }
        }
        if (requested.isEmpty()) {
            return List.of();
        }
        try {
            ConfigurationClassPostProcessor configurations = new ConfigurationClassPostProcessor();
            configurations.setEnvironment(context.getEnvironment());
            configurations.setResourceLoader(context);
            if (factory.getBeanClassLoader() != null) {
                configurations.setBeanClassLoader(factory.getBeanClassLoader());
            }
            configurations.processConfigBeanDefinitions(staging);
            configurations.enhanceConfigurationClasses(staging);
        } catch (RuntimeException | LinkageError e) {
            for (String name : requested.keySet()) {
                report.failure(name, "process the new class " + requested.get(name).getName(), e,
                        Report.NO_NEW_BEAN);
            }
            return List.of();
        }
        List<String> added = new ArrayList<>();
        for (String name : staging.getBeanDefinitionNames()) {
            if (infrastructure.contains(name)) {
                continue;
            }
            if (factory.containsBeanDefinition(name)) {
                if (requested.containsKey(name) || !isSameDefinition(name, staging)) {
                    report.notes.add("bean '" + name + "' from the new classes is already defined; the existing"
                            + " definition stays");
                }
                continue;
            }
            BeanDefinition definition = staging.getBeanDefinition(name);
            try {
                factory.registerBeanDefinition(name, definition);
                for (String alias : staging.getAliases(name)) {
                    factory.registerAlias(name, alias);
                }
                added.add(name);
            } catch (RuntimeException e) {
                report.failure(name, "register the bean definition", e, Report.NO_NEW_BEAN);
            }
        }
        return added;
    }

    private boolean isSameDefinition(String name, DefaultListableBeanFactory staging) {
        String existing = factory.getBeanDefinition(name).getBeanClassName();
        String found = staging.getBeanDefinition(name).getBeanClassName();
        return existing != null && existing.equals(found);
    }
}

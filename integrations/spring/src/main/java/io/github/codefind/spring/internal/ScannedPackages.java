package io.github.codefind.spring.internal;

import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * The packages the application's component scanning covers: those of every {@code @ComponentScan}
 * (including the one {@code @SpringBootApplication} carries) on a bean definition, and Spring Boot's
 * auto-configuration packages. A new class becomes a bean only inside them.
 */
final class ScannedPackages {
    private final Set<String> packages;

    private ScannedPackages(Set<String> packages) {
        this.packages = Set.copyOf(packages);
    }

    static ScannedPackages of(ConfigurableListableBeanFactory factory) {
        Set<String> packages = new LinkedHashSet<>();
        if (AutoConfigurationPackages.has(factory)) {
            packages.addAll(AutoConfigurationPackages.get(factory));
        }
        for (String name : factory.getBeanDefinitionNames()) {
            BeanDefinition definition = factory.getBeanDefinition(name);
            if (!(definition instanceof AnnotatedBeanDefinition)) {
                continue;
            }
            AnnotationMetadata metadata = ((AnnotatedBeanDefinition) definition).getMetadata();
            metadata.getAnnotations().stream(ComponentScan.class).forEach(scan -> add(scan, metadata, packages));
        }
        return new ScannedPackages(packages);
    }

    private static void add(MergedAnnotation<ComponentScan> scan, AnnotationMetadata on, Set<String> packages) {
        int before = packages.size();
        for (String p : scan.getStringArray("basePackages")) {
            for (String each : p.split("[,; \t\n]+")) {
                if (!each.isBlank()) {
                    packages.add(each.trim());
                }
            }
        }
        for (String c : scan.getStringArray("basePackageClasses")) {
            packages.add(ClassUtils.getPackageName(c));
        }
        if (packages.size() == before && scan.getStringArray("basePackages").length == 0
                && scan.getStringArray("basePackageClasses").length == 0) {
            packages.add(ClassUtils.getPackageName(on.getClassName()));
        }
    }

    /**
     * @param type a class
     * @return whether it is in a scanned package or below one
     */
    boolean covers(Class<?> type) {
        String p = type.getPackageName();
        for (String base : packages) {
            if (base.isEmpty() || p.equals(base) || p.startsWith(base + ".")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return packages.toString();
    }
}

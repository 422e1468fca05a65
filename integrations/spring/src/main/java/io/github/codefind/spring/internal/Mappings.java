package io.github.codefind.spring.internal;

import io.github.codefind.conform.MethodUnit;
import java.util.List;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Request mappings, as far as following patches needs them. Its only implementation is Spring MVC's,
 * kept behind this interface so that an application without Spring MVC never loads it.
 */
interface Mappings {
    /** What re-registering one bean's mappings changed. */
    record Remapped(List<String> added, List<String> removed) {
    }

    /**
     * @param factory the bean factory
     * @return Spring MVC's mappings, or null if Spring MVC is not there
     */
    static Mappings of(ConfigurableListableBeanFactory factory) {
        String mvc = "org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping";
        return ClassUtils.isPresent(mvc, factory.getBeanClassLoader()) ? MvcMappings.create(factory) : null;
    }

    boolean isHandler(Class<?> type);

    boolean hasMappings(String beanName, Object instance);

    boolean isHandlerMethod(String beanName, MethodUnit unit);

    Remapped remap(String beanName, Class<?> type, Object instance);

    List<String> resetArgumentResolution(java.util.Set<Class<?>> types);

    boolean forgetControllerClass(Class<?> type);
}

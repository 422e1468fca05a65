package io.github.codefind.spring.internal;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Which beans each class is part of: a bean counts for its class, that class's superclasses and its
 * interfaces, so that a change to an abstract base controller reaches the controllers extending it.
 * Built once and again only when beans were defined or removed since, so that following a patch
 * costs what the patch touched, not what the application holds.
 */
final class BeanIndex {
    private final Map<String, Set<String>> beansByClass = new HashMap<>();
    private final Map<String, Class<?>> typeByBean = new HashMap<>();
    private final int definitionCount;

    private BeanIndex(int definitionCount) {
        this.definitionCount = definitionCount;
    }

    /**
     * @param factory the bean factory
     * @return the index of its bean definitions now
     */
    static BeanIndex build(ConfigurableListableBeanFactory factory) {
        BeanIndex index = new BeanIndex(factory.getBeanDefinitionCount());
        for (String name : factory.getBeanDefinitionNames()) {
            Class<?> type;
            try {
                // The class behind a proxy (JDK or CGLIB) of an existing singleton, else the predicted type.
                Object singleton = factory.containsSingleton(name) ? factory.getSingleton(name) : null;
                type = singleton != null ? AopProxyUtils.ultimateTargetClass(singleton) : factory.getType(name, false);
            } catch (RuntimeException | LinkageError e) {
                continue;
            }
            if (type == null) {
                continue;
            }
            Class<?> user = ClassUtils.getUserClass(type);
            index.typeByBean.put(name, user);
            for (Class<?> c = user; c != null && c != Object.class; c = c.getSuperclass()) {
                index.add(c, name);
                for (Class<?> i : c.getInterfaces()) {
                    index.addInterface(i, name);
                }
            }
        }
        return index;
    }

    private void addInterface(Class<?> type, String bean) {
        if (add(type, bean)) {
            for (Class<?> i : type.getInterfaces()) {
                addInterface(i, bean);
            }
        }
    }

    private boolean add(Class<?> type, String bean) {
        if (type.getName().startsWith("java.")) {
            return false;
        }
        return beansByClass.computeIfAbsent(type.getName(), k -> new LinkedHashSet<>()).add(bean);
    }

    /**
     * @param factory the bean factory the index was built from
     * @return whether beans were defined or removed since
     */
    boolean isStale(ConfigurableListableBeanFactory factory) {
        return factory.getBeanDefinitionCount() != definitionCount;
    }

    /**
     * @param className a binary class name
     * @return the beans whose class is that class or extends or implements it
     */
    Set<String> beansOf(String className) {
        return beansByClass.getOrDefault(className, Set.of());
    }

    /**
     * @param beanName a bean
     * @return its class, without CGLIB subclasses; null if unknown
     */
    Class<?> typeOf(String beanName) {
        return typeByBean.get(beanName);
    }

    /**
     * @param className a binary class name
     * @return whether some bean's class is that class or a subtype
     */
    boolean contains(String className) {
        return beansByClass.containsKey(className);
    }
}

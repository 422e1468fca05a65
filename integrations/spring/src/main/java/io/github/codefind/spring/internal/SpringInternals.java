package io.github.codefind.spring.internal;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.support.AbstractAutowireCapableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * The few non-public members of Spring this integration uses, found by name once and called by
 * reflection. Each has been stable across Spring versions for a decade; if one is missing, the
 * operation that needs it fails with a message that says so, and nothing else is affected.
 */
final class SpringInternals {
    private static final Log LOG = LogFactory.getLog(SpringInternals.class);
    private static final Map<String, Object> MEMBERS = new ConcurrentHashMap<>();
    private static final Object MISSING = new Object();

    private SpringInternals() {
    }

    /** Thrown when a member of Spring this integration needs is not there, or cannot be used. */
    static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Creates a bean instance from a bean definition through the factory's full creation path
     * (constructor resolution, injection, post-processors, proxies, init methods) without registering it.
     * With a singleton definition, its destruction callbacks are registered under the bean's name.
     *
     * @param factory the bean factory
     * @param beanName the bean's name
     * @param definition a definition that holds no resolved constructor or arguments
     * @return the new instance, possibly a proxy
     */
    static Object createBean(AbstractAutowireCapableBeanFactory factory, String beanName,
            RootBeanDefinition definition) {
        Method create = method(AbstractAutowireCapableBeanFactory.class, "createBean", String.class,
                RootBeanDefinition.class, Object[].class);
        return invoke(create, factory, beanName, definition, null);
    }

    /**
     * Registers the destruction callbacks of a singleton instance created outside the factory's
     * singleton path, under the bean's name, replacing those registered for it before.
     *
     * @param factory the bean factory
     * @param beanName the bean's name
     * @param bean the raw instance (not a proxy)
     * @param definition the bean's merged singleton definition
     */
    static void registerDisposable(AbstractBeanFactory factory, String beanName, Object bean,
            RootBeanDefinition definition) {
        Method register = method(AbstractBeanFactory.class, "registerDisposableBeanIfNecessary", String.class,
                Object.class, RootBeanDefinition.class);
        invoke(register, factory, beanName, bean, definition);
    }

    /** @return whether {@link #replaceSingleton} can work in this Spring version */
    static boolean canReplaceSingletons() {
        return fieldOrNull(DefaultSingletonBeanRegistry.class, "singletonObjects") != null;
    }

    /**
     * Replaces a registered singleton atomically: readers see the old instance or the new one, never
     * none, and nothing is destroyed.
     *
     * @param registry the registry
     * @param beanName the bean's name
     * @param old the instance registered now
     * @param replacement the new instance
     * @return false if the registered instance was not {@code old}
     */
    static boolean replaceSingleton(DefaultSingletonBeanRegistry registry, String beanName, Object old,
            Object replacement) {
        Map<String, Object> singletons = mapField(registry, DefaultSingletonBeanRegistry.class, "singletonObjects");
        return singletons.replace(beanName, old, replacement);
    }

    /**
     * Marks a merged bean definition stale, so that the next use merges it again from the bean
     * definition, without the constructor, factory method and arguments resolved from old metadata.
     *
     * @param factory the bean factory
     * @param beanName the bean's name
     */
    static void clearMergedBeanDefinition(AbstractBeanFactory factory, String beanName) {
        Method clear = methodOrNull(factory.getClass(), "clearMergedBeanDefinition", String.class);
        if (clear != null) {
            invoke(clear, factory, beanName);
        }
    }

    /**
     * Removes a key from a private map of a Spring object, if that map exists.
     *
     * @param target the object
     * @param declaring the class that declares the field
     * @param field the field's name
     * @param key the key to remove
     * @return true if the map exists (whether or not it held the key)
     */
    static boolean removeKey(Object target, Class<?> declaring, String field, Object key) {
        Field f = fieldOrNull(declaring, field);
        if (f == null || !Map.class.isAssignableFrom(f.getType())) {
            return false;
        }
        mapField(target, declaring, field).remove(key);
        return true;
    }

    /**
     * Removes the keys that pass a test from a private map of a Spring object, if that map exists.
     *
     * @param target the object
     * @param declaring the class that declares the field
     * @param field the field's name
     * @param test which keys to remove
     * @return true if the map exists
     */
    static boolean removeKeysIf(Object target, Class<?> declaring, String field,
            java.util.function.Predicate<Object> test) {
        Field f = fieldOrNull(declaring, field);
        if (f == null || !Map.class.isAssignableFrom(f.getType())) {
            return false;
        }
        mapField(target, declaring, field).keySet().removeIf(test);
        return true;
    }

    /**
     * Calls a method that is not public, such as a protected template method of a Spring class.
     *
     * @param target the object
     * @param name the method's name
     * @param types its parameter types
     * @param args the arguments
     * @return what it returned
     */
    static Object call(Object target, String name, Class<?>[] types, Object... args) {
        return invoke(method(target.getClass(), name, types), target, args);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapField(Object target, Class<?> declaring, String name) {
        Field f = fieldOrNull(declaring, name);
        if (f == null) {
            throw new Unavailable(declaring.getName() + "." + name + " is not there in this Spring version", null);
        }
        try {
            return (Map<String, Object>) f.get(target);
        } catch (IllegalAccessException e) {
            throw new Unavailable("cannot read " + declaring.getName() + "." + name, e);
        }
    }

    private static Field fieldOrNull(Class<?> declaring, String name) {
        Object member = MEMBERS.computeIfAbsent(declaring.getName() + "#" + name, k -> {
            try {
                Field f = declaring.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException | RuntimeException e) {
                LOG.debug("codefind-spring: " + declaring.getName() + "." + name + " is not usable here", e);
                return MISSING;
            }
        });
        return member == MISSING ? null : (Field) member;
    }

    private static Method method(Class<?> type, String name, Class<?>... types) {
        Method m = methodOrNull(type, name, types);
        if (m == null) {
            throw new Unavailable(type.getName() + "." + name + " is not there in this Spring version", null);
        }
        return m;
    }

    private static Method methodOrNull(Class<?> type, String name, Class<?>... types) {
        StringBuilder key = new StringBuilder(type.getName()).append('.').append(name);
        for (Class<?> t : types) {
            key.append(',').append(t.getName());
        }
        Object member = MEMBERS.computeIfAbsent(key.toString(), k -> {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                try {
                    Method m = c.getDeclaredMethod(name, types);
                    m.setAccessible(true);
                    return m;
                } catch (NoSuchMethodException e) {
                    // look in the superclass
                } catch (RuntimeException e) {
                    LOG.debug("codefind-spring: " + c.getName() + "." + name + " is not usable here", e);
                    return MISSING;
                }
            }
            return MISSING;
        });
        return member == MISSING ? null : (Method) member;
    }

    private static Object invoke(Method m, Object target, Object... args) {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new Unavailable("cannot call " + m, e);
        }
    }
}

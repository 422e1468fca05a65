package io.github.codefind.spring.internal;

import io.github.codefind.conform.MethodUnit;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.MethodParameter;
import org.springframework.web.method.annotation.AbstractNamedValueMethodArgumentResolver;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.handler.HandlerExceptionResolverComposite;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Spring MVC's side: the request mappings of handler beans, registered again from their classes as
 * they are now, and MVC's caches of handler-method metadata. Used only when Spring MVC is present.
 */
final class MvcMappings implements Mappings {
    private static final Class<?>[] IS_HANDLER = {Class.class};
    private static final Class<?>[] MAPPING_FOR_METHOD = {Method.class, Class.class};

    private final ConfigurableListableBeanFactory factory;
    /** Spring MVC's own handler mapping, the one that detects {@code @Controller} beans at start-up. */
    private static final String MVC_MAPPING = "requestMappingHandlerMapping";

    private volatile List<RequestMappingInfoHandlerMapping> mappings;
    /** The handler mappings of {@link #mappings} that detect controllers among all beans; see {@link #detecting}. */
    private volatile List<RequestMappingInfoHandlerMapping> detecting;

    private MvcMappings(ConfigurableListableBeanFactory factory) {
        this.factory = factory;
    }

    static Mappings create(ConfigurableListableBeanFactory factory) {
        return new MvcMappings(factory);
    }

    private List<RequestMappingInfoHandlerMapping> mappings() {
        List<RequestMappingInfoHandlerMapping> m = mappings;
        if (m == null) {
            Map<String, RequestMappingInfoHandlerMapping> byName = factory.getBeansOfType(
                    RequestMappingInfoHandlerMapping.class, false, false);
            m = List.copyOf(byName.values());
            RequestMappingInfoHandlerMapping mvc = byName.get(MVC_MAPPING);
            detecting = mvc != null ? List.of(mvc) : m;
            mappings = m;
        }
        return m;
    }

    /**
     * The handler mappings a controller that had no request mapping yet (a new one, or one whose class
     * declared none) is registered in: Spring MVC's own, which finds controllers among all beans at
     * start-up. Other handler mappings take {@code @Controller} classes too (the actuator's, which maps
     * only its endpoints), but have other interceptors, such as no open-in-view: a controller registered
     * there as well served its requests from it, and read lazy associations outside any session.
     * Without Spring MVC's own (a custom setup), every mapping that takes the class.
     */
    private List<RequestMappingInfoHandlerMapping> detecting() {
        mappings();
        return detecting;
    }

    /**
     * @param type a bean's class
     * @return whether some handler mapping takes beans of this class as handlers ({@code @Controller})
     */
    @Override
    public boolean isHandler(Class<?> type) {
        for (RequestMappingInfoHandlerMapping m : mappings()) {
            if (isHandler(m, type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param beanName a bean
     * @param instance an instance of it that handler methods may hold instead of its name, or null
     * @return whether a request mapping leads to it now
     */
    @Override
    public boolean hasMappings(String beanName, Object instance) {
        for (RequestMappingInfoHandlerMapping m : mappings()) {
            for (HandlerMethod h : m.getHandlerMethods().values()) {
                if (handles(h, beanName, instance)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param beanName a bean
     * @param unit a method
     * @return whether a request mapping leads to that method of that bean now
     */
    @Override
    public boolean isHandlerMethod(String beanName, MethodUnit unit) {
        for (RequestMappingInfoHandlerMapping m : mappings()) {
            for (HandlerMethod h : m.getHandlerMethods().values()) {
                if (handles(h, beanName, null) && sameMethod(h.getMethod(), unit)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Unregisters the bean's request mappings and registers those its class declares now, under the
     * bean's name, so that each resolves the singleton registered when it is first used. If one of
     * the new ones cannot be registered (an ambiguous mapping, an invalid one), the old ones are put
     * back as they were registered (new handler methods, which resolve the bean again) and the error is
     * thrown.
     *
     * @param beanName the bean
     * @param type its class, without CGLIB subclasses
     * @param instance an instance that handler methods may hold instead of the bean's name (the one
     *     registered, or the one a re-created bean replaced); null if there is none
     * @return the mappings that were added and removed
     */
    @Override
    public Remapped remap(String beanName, Class<?> type, Object instance) {
        Set<String> before = new LinkedHashSet<>();
        Set<String> after = new LinkedHashSet<>();
        Map<RequestMappingInfoHandlerMapping, Map<RequestMappingInfo, HandlerMethod>> olds = new LinkedHashMap<>();
        for (RequestMappingInfoHandlerMapping m : mappings()) {
            Map<RequestMappingInfo, HandlerMethod> old = new LinkedHashMap<>();
            m.getHandlerMethods().forEach((info, h) -> {
                if (handles(h, beanName, instance)) {
                    old.put(info, h);
                }
            });
            olds.put(m, old);
        }
        // Registered again where they were; a controller that had none goes where MVC would have put it.
        Set<RequestMappingInfoHandlerMapping> owners = new java.util.HashSet<>();
        olds.forEach((m, old) -> {
            if (!old.isEmpty()) {
                owners.add(m);
            }
        });
        if (owners.isEmpty()) {
            owners.addAll(detecting());
        }
        for (RequestMappingInfoHandlerMapping m : mappings()) {
            Map<RequestMappingInfo, HandlerMethod> old = olds.get(m);
            Map<Method, RequestMappingInfo> fresh = owners.contains(m) && isHandler(m, type) ? detect(m, type)
                    : Map.of();
            for (RequestMappingInfo info : old.keySet()) {
                m.unregisterMapping(info);
            }
            List<RequestMappingInfo> registered = new ArrayList<>();
            try {
                for (Map.Entry<Method, RequestMappingInfo> f : fresh.entrySet()) {
                    m.registerMapping(f.getValue(), beanName, AopUtils.selectInvocableMethod(f.getKey(), type));
                    registered.add(f.getValue());
                }
            } catch (RuntimeException e) {
                for (RequestMappingInfo info : registered) {
                    m.unregisterMapping(info);
                }
                old.forEach((info, h) -> m.registerMapping(info, h.getBean(), h.getMethod()));
                throw e;
            }
            old.keySet().forEach(info -> before.add(info.toString()));
            fresh.values().forEach(info -> after.add(info.toString()));
        }
        List<String> added = new ArrayList<>(after);
        added.removeAll(before);
        List<String> removed = new ArrayList<>(before);
        removed.removeAll(after);
        return new Remapped(added, removed);
    }

    /**
     * Drops MVC's caches of how handler-method parameters are resolved, which are keyed by parameters
     * that compare equal across a patch although their annotations changed: each resolver chain's
     * cache of which resolver takes a parameter, and the resolvers' caches of parameter names and
     * defaults ({@code @RequestParam}, {@code @PathVariable}, {@code @RequestHeader} ...) for the classes.
     *
     * @param types the controller classes whose methods changed
     * @return the caches dropped
     */
    @Override
    public List<String> resetArgumentResolution(Set<Class<?>> types) {
        List<String> cleared = new ArrayList<>();
        List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
        for (RequestMappingHandlerAdapter a : factory.getBeansOfType(RequestMappingHandlerAdapter.class, false, false)
                .values()) {
            if (a.getArgumentResolvers() != null) {
                resolvers.addAll(a.getArgumentResolvers());
                a.setArgumentResolvers(a.getArgumentResolvers());
            }
            if (a.getInitBinderArgumentResolvers() != null) {
                resolvers.addAll(a.getInitBinderArgumentResolvers());
                a.setInitBinderArgumentResolvers(a.getInitBinderArgumentResolvers());
            }
            cleared.add("RequestMappingHandlerAdapter argument resolution");
        }
        for (ExceptionHandlerExceptionResolver r : exceptionResolvers()) {
            if (r.getArgumentResolvers() != null) {
                resolvers.addAll(r.getArgumentResolvers().getResolvers());
                r.setArgumentResolvers(r.getArgumentResolvers().getResolvers());
            }
            cleared.add("ExceptionHandlerExceptionResolver argument resolution");
        }
        boolean named = false;
        for (HandlerMethodArgumentResolver r : resolvers) {
            if (r instanceof AbstractNamedValueMethodArgumentResolver) {
                named |= SpringInternals.removeKeysIf(r, AbstractNamedValueMethodArgumentResolver.class,
                        "namedValueInfoCache", key -> key instanceof MethodParameter
                                && types.contains(((MethodParameter) key).getContainingClass()));
            }
        }
        if (named) {
            cleared.add("named parameter resolution (@RequestParam, @PathVariable, ...)");
        }
        return cleared;
    }

    /**
     * Drops what MVC cached about a controller class: its {@code @InitBinder}, {@code @ModelAttribute},
     * {@code @SessionAttributes} and {@code @ExceptionHandler} methods.
     *
     * @param type the controller's class
     * @return whether every cache could be reached
     */
    @Override
    public boolean forgetControllerClass(Class<?> type) {
        boolean all = true;
        for (RequestMappingHandlerAdapter a : factory.getBeansOfType(RequestMappingHandlerAdapter.class, false, false)
                .values()) {
            for (String cache : List.of("initBinderCache", "modelAttributeCache", "sessionAttributesHandlerCache")) {
                all &= SpringInternals.removeKey(a, RequestMappingHandlerAdapter.class, cache, type);
            }
        }
        for (ExceptionHandlerExceptionResolver r : exceptionResolvers()) {
            all &= SpringInternals.removeKey(r, ExceptionHandlerExceptionResolver.class, "exceptionHandlerCache", type);
        }
        return all;
    }

    private List<ExceptionHandlerExceptionResolver> exceptionResolvers() {
        List<ExceptionHandlerExceptionResolver> found = new ArrayList<>();
        for (HandlerExceptionResolver r : factory.getBeansOfType(HandlerExceptionResolver.class, false, false)
                .values()) {
            collect(r, found);
        }
        return found;
    }

    private static void collect(HandlerExceptionResolver r, List<ExceptionHandlerExceptionResolver> found) {
        if (r instanceof ExceptionHandlerExceptionResolver) {
            found.add((ExceptionHandlerExceptionResolver) r);
        } else if (r instanceof HandlerExceptionResolverComposite) {
            for (HandlerExceptionResolver inner : ((HandlerExceptionResolverComposite) r).getExceptionResolvers()) {
                collect(inner, found);
            }
        }
    }

    private static Map<Method, RequestMappingInfo> detect(RequestMappingInfoHandlerMapping m, Class<?> type) {
        return MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<RequestMappingInfo>) method ->
                (RequestMappingInfo) SpringInternals.call(m, "getMappingForMethod", MAPPING_FOR_METHOD, method, type));
    }

    private static boolean isHandler(RequestMappingInfoHandlerMapping m, Class<?> type) {
        return Boolean.TRUE.equals(SpringInternals.call(m, "isHandler", IS_HANDLER, type));
    }

    private static boolean handles(HandlerMethod h, String beanName, Object instance) {
        Object bean = h.getBean();
        return beanName.equals(bean) || instance != null && bean == instance;
    }

    private static boolean sameMethod(Method m, MethodUnit unit) {
        return m.getName().equals(unit.name()) && MethodUnit.of(m).descriptor().equals(unit.descriptor());
    }
}

package io.github.codefind.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.Codefind;
import io.github.codefind.PatchResult;
import io.github.codefind.spring.testing.DemoApp;
import io.github.codefind.spring.testing.Http;
import io.github.codefind.testing.Javac;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * A real Spring Boot web application (Spring MVC on Tomcat, 127.0.0.1) runs in this JVM in a class
 * loader of its own, with codefind installed in-process; tests patch its classes with javac-compiled
 * versions through {@link Codefind#patch(ClassLoader, Map)} and check what real HTTP requests get.
 * Each test edits its own controllers, so that they can share the application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LivePatchingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private Path project;
    private Path classes;
    private URLClassLoader loader;
    private ConfigurableApplicationContext context;
    private Http http;
    private final Map<String, String> sources = new LinkedHashMap<>(DemoApp.sources());
    private final List<CodePatchedEvent> events = Collections.synchronizedList(new ArrayList<>());

    /** Collects the events the application publishes. */
    private final class Events implements ApplicationListener<CodePatchedEvent> {
        @Override
        public void onApplicationEvent(CodePatchedEvent event) {
            events.add(event);
        }
    }

    @BeforeAll
    void startApplication() throws IOException {
        Codefind.install();
        project = Files.createTempDirectory("codefind-spring-app");
        classes = DemoApp.writeProject(project);
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Class<?> main = loader.loadClass(DemoApp.MAIN);
            SpringApplication application = new SpringApplication(new DefaultResourceLoader(loader), main);
            List<String> args = new ArrayList<>(DemoApp.ARGS);
            args.addAll(List.of("--server.port=0", "--server.address=127.0.0.1"));
            context = application.run(args.toArray(new String[0]));
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        context.addApplicationListener(new Events());
        http = new Http(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    @AfterAll
    void stopApplication() throws IOException {
        if (context != null) {
            context.close();
        }
        if (loader != null) {
            loader.close();
        }
        if (project != null) {
            try (java.util.stream.Stream<Path> files = Files.walk(project)) {
                for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    @BeforeEach
    void forgetEvents() {
        events.clear();
    }

    /** Compiles an edited source file against the application's classes as they are, and patches it in. */
    private CodePatchedEvent patch(String file, String text) {
        Map<String, String> edited = new LinkedHashMap<>();
        edited.put(file, text);
        Map<String, byte[]> compiled = Javac.compile(edited, List.of(classes));
        PatchResult result = Codefind.patch(loader, compiled);
        assertTrue(result.applied(), () -> "codefind rejected the patch: " + result.rejections());
        sources.put(file, text);
        Javac.write(compiled, classes);
        assertEquals(1, events.size(), () -> "one event per patch: " + events);
        CodePatchedEvent event = events.remove(0);
        assertEquals(result.patch().orElseThrow().id(), event.patchId());
        assertSame(context, event.getApplicationContext());
        return event;
    }

    private String edit(String file, String from, String to) {
        String text = sources.get(file);
        assertTrue(text.contains(from), file + " contains " + from);
        return text.replace(from, to);
    }

    private Object bean(String name) {
        return context.getBean(name);
    }

    @Test
    void aChangedHandlerBodyIsServedAndTheControllerKeepsItsState() throws IOException {
        assertEquals("body v1 #1", http.get("/body").body());
        assertEquals("body v1 #2", http.get("/body").body());
        Object controller = bean("bodyController");
        Object untouched = bean("pathController");

        CodePatchedEvent event = patch("demo/app/BodyController.java",
                edit("demo/app/BodyController.java", "\"body v1 #\"", "\"body v2 #\""));

        assertEquals(new Http.Response(200, "body v2 #3"), http.get("/body"), "new code, same instance and state");
        assertSame(controller, bean("bodyController"));
        assertSame(untouched, bean("pathController"));
        assertTrue(event.succeeded(), event::summary);
        assertEquals(List.of("demo.app.BodyController"), event.changedClasses());
        assertTrue(event.recreatedBeans().isEmpty() && event.remappedBeans().isEmpty()
                && event.registeredBeans().isEmpty(), event::summary);
        assertTrue(event.clearedCaches().isEmpty(), "a body change leaves Spring's metadata valid: " + event.summary());
    }

    @Test
    void aHandlerMethodAddedOnAStockJvmRunsWhenCalledAndTheEventSaysItIsNotMapped() throws IOException {
        assertEquals("plain", http.get("/plain").body());
        Object controller = bean("plainController");
        String before = sources.get("demo/app/PlainController.java");
        String added = before.replace("        return \"plain\";", String.join("\n",
                "        return extra() + \" plain\";",
                "    }",
                "    @GetMapping(\"/plain-extra\")",
                "    public String extra() {",
                "        return \"extra\";"));

        CodePatchedEvent event = patch("demo/app/PlainController.java", added);

        assertEquals("extra plain", http.get("/plain").body(), "the existing handler calls the new method");
        assertEquals(404, http.get("/plain-extra").status(), "Spring cannot see it to map it");
        assertSame(controller, bean("plainController"), "not re-created for nothing");
        assertTrue(event.notes().stream().anyMatch(n -> n.contains("extra()") && n.contains("restart")), event::summary);

        patch("demo/app/PlainController.java", before);
        assertEquals("plain", http.get("/plain").body());
    }

    @Test
    void anAutowiredFieldAddedOnAStockJvmIsRefusedAndTheOldCodeKeepsServing() throws IOException {
        String withField = sources.get("demo/app/PlainController.java").replace("public class PlainController {",
                "public class PlainController {\n    @org.springframework.beans.factory.annotation.Autowired"
                        + " PathController paths;");
        Map<String, byte[]> compiled = Javac.compile(Map.of("demo/app/PlainController.java", withField),
                List.of(classes));
        PatchResult result = Codefind.patch(loader, compiled);

        assertFalse(result.applied(), "Spring could never inject it: it would stay null");
        assertTrue(result.rejections().stream().anyMatch(r -> r.reason().contains("Autowired")), result::summary);
        assertTrue(events.isEmpty(), "nothing changed, so nothing to follow: " + events);
        assertEquals("plain", http.get("/plain").body());
    }

    @Test
    void aChangedMappingPathIsRegisteredAgain() throws IOException {
        assertEquals("path #1", http.get("/path-old").body());
        Object controller = bean("pathController");

        CodePatchedEvent event = patch("demo/app/PathController.java",
                edit("demo/app/PathController.java", "@GetMapping(\"/path-old\")", "@GetMapping(\"/path-new\")"));

        assertEquals(404, http.get("/path-old").status());
        assertEquals(new Http.Response(200, "path #2"), http.get("/path-new"), "same instance, same counter");
        assertSame(controller, bean("pathController"));
        assertTrue(event.succeeded(), event::summary);
        assertEquals(java.util.Set.of("pathController"), event.remappedBeans());
        assertTrue(event.recreatedBeans().isEmpty(), event::summary);
        assertEquals(List.of("{GET [/path-new]}"), event.mappingsAdded());
        assertEquals(List.of("{GET [/path-old]}"), event.mappingsRemoved());
        assertTrue(event.clearedCaches().contains("ReflectionUtils"), event::summary);

        patch("demo/app/PathController.java", edit("demo/app/PathController.java",
                "@GetMapping(\"/path-new\")", "@PostMapping(\"/path-new\")"));
        assertEquals(405, http.get("/path-new").status(), "the method condition changed too");
    }

    @Test
    void aChangedClassLevelMappingIsRegisteredAgain() throws IOException {
        assertEquals("prefixed", http.get("/v1/prefix").body());
        Object controller = bean("prefixController");

        CodePatchedEvent event = patch("demo/app/PrefixController.java", edit("demo/app/PrefixController.java",
                "@RequestMapping(\"/v1\")", "@RequestMapping(\"/v2\")"));

        assertEquals(404, http.get("/v1/prefix").status());
        assertEquals("prefixed", http.get("/v2/prefix").body());
        assertSame(controller, bean("prefixController"));
        assertEquals(List.of("{GET [/v2/prefix]}"), event.mappingsAdded());
    }

    @Test
    void aChangedRequestParameterAnnotationIsResolvedAgain() throws IOException {
        assertEquals("param x", http.get("/param?a=x").body());

        CodePatchedEvent event = patch("demo/app/ParamController.java", edit("demo/app/ParamController.java",
                "name = \"a\"", "name = \"b\""));

        assertEquals("param y", http.get("/param?b=y").body());
        assertEquals("param none", http.get("/param?a=x").body());
        assertTrue(event.recreatedBeans().isEmpty(), event::summary);
    }

    @Test
    void aNewControllerAndConfigurationInNewClassesBecomeBeans() throws IOException {
        assertEquals(404, http.get("/fresh").status());
        Object untouched = bean("bodyController");
        Map<String, String> added = new LinkedHashMap<>();
        added.put("demo/app/FreshConfiguration.java", String.join("\n",
                "package demo.app;",
                "import org.springframework.context.annotation.*;",
                "@Configuration",
                "public class FreshConfiguration {",
                "    @Bean",
                "    public StringBuilder freshPrefix() {",
                "        return new StringBuilder(\"fresh from a @Bean\");",
                "    }",
                "}"));
        added.put("demo/app/FreshController.java", String.join("\n",
                "package demo.app;",
                "import org.springframework.web.bind.annotation.*;",
                "@RestController",
                "@RequestMapping(\"/fresh\")",
                "public class FreshController {",
                "    private final StringBuilder prefix;",
                "    private final Greeter greeter;",
                "    public FreshController(StringBuilder freshPrefix, Greeter greeter) {",
                "        this.prefix = freshPrefix;",
                "        this.greeter = greeter;",
                "    }",
                "    @GetMapping",
                "    public String fresh() {",
                "        return prefix + \" and \" + greeter.greet(\"new code\");",
                "    }",
                "}"));
        Map<String, byte[]> compiled = Javac.compile(added, List.of(classes));
        PatchResult result = Codefind.patch(loader, compiled);
        assertTrue(result.applied(), () -> result.rejections().toString());
        assertEquals(1, events.size());
        CodePatchedEvent event = events.get(0);

        Http.Response r = http.get("/fresh");
        assertEquals(200, r.status(), r::toString);
        assertTrue(r.body().startsWith("fresh from a @Bean and "), r.body());
        assertTrue(event.succeeded(), event::summary);
        assertTrue(event.registeredBeans().containsAll(List.of("freshConfiguration", "freshController",
                "freshPrefix")), event::summary);
        assertEquals(List.of("{GET [/fresh]}"), event.mappingsAdded());
        assertSame(untouched, bean("bodyController"));
        assertTrue(context.getBean("freshConfiguration").getClass().getName().contains("$$SpringCGLIB$$"),
                "a new @Configuration class is enhanced as at start-up");
    }

    @Test
    void aChangedValueOnAConstructorParameterRecreatesTheBeanAndReinjectsIt() throws IOException {
        assertEquals("Hello, world #1", http.get("/greeting").body());
        Object greeter = bean("greeter");
        Object controller = bean("greetingController");
        Object untouched = bean("farewell");

        CodePatchedEvent event = patch("demo/app/Greeter.java", edit("demo/app/Greeter.java",
                "${app.greeting}", "${app.other-greeting}"));

        assertEquals("Howdy, world #2", http.get("/greeting").body(), "the controller kept its state");
        assertNotSame(greeter, bean("greeter"));
        assertSame(controller, bean("greetingController"));
        assertSame(untouched, bean("farewell"));
        assertTrue(event.succeeded(), event::summary);
        assertEquals(java.util.Set.of("greeter"), event.recreatedBeans());
        // (freshController depends on the greeter too, if its test ran first)
        assertTrue(event.reinjectedBeans().contains("greetingController"), event::summary);
    }

    @Test
    void aChangedValueOnASetterRecreatesTheBean() throws IOException {
        assertEquals("calm", http.get("/mood").body());

        CodePatchedEvent event = patch("demo/app/Mood.java", edit("demo/app/Mood.java",
                "${app.mood}", "${app.other-mood}"));

        assertEquals("cheerful", http.get("/mood").body());
        assertEquals(java.util.Set.of("mood"), event.recreatedBeans());
        assertEquals(java.util.Set.of("moodController"), event.reinjectedBeans());
    }

    @Test
    void aChangedBeanMethodRecreatesTheBeanItProduces() throws IOException {
        assertEquals("motto v1", http.get("/motto").body());
        Object configuration = bean("mottoConfiguration");
        Object controller = bean("mottoController");

        CodePatchedEvent event = patch("demo/app/MottoConfiguration.java", edit("demo/app/MottoConfiguration.java",
                "\"motto v1\"", "\"motto v2\""));

        assertEquals("motto v2", http.get("/motto").body());
        assertEquals(java.util.Set.of("motto"), event.recreatedBeans());
        assertEquals(java.util.Set.of("mottoController"), event.reinjectedBeans());
        assertSame(configuration, bean("mottoConfiguration"));
        assertSame(controller, bean("mottoController"));
    }

    @Test
    void aChangedValueOnAFieldReCreatesTheBean() throws IOException {
        assertEquals("calm", http.get("/field-value").body());
        Object before = bean("fieldValueController");
        String file = "demo/app/FieldValueController.java";

        // A field's annotations are attributes of its class, which a stock JVM redefines.
        CodePatchedEvent event = patch(file, edit(file, "${app.mood}", "${app.other-mood}"));

        assertTrue(event.recreatedBeans().contains("fieldValueController"), event.toString());
        assertNotSame(before, bean("fieldValueController"));
        assertEquals("cheerful", http.get("/field-value").body());
    }

    @Test
    void aFailedRefreshKeepsTheOldBeanServingAndNamesTheBeanAndTheCause() throws IOException {
        assertEquals("Goodbye", http.get("/farewell").body());
        Object farewell = bean("farewell");

        CodePatchedEvent event = patch("demo/app/Farewell.java", edit("demo/app/Farewell.java",
                "${app.farewell}", "${app.no-such-property}"));

        assertEquals("Goodbye", http.get("/farewell").body(), "the old bean keeps serving");
        assertSame(farewell, bean("farewell"));
        assertEquals(1, event.failures().size(), event::summary);
        RefreshFailure failure = event.failures().get(0);
        assertEquals("farewell", failure.beanName());
        assertTrue(failure.message().contains("app.no-such-property"), failure.message());
        assertTrue(event.summary().contains("FAILED"), event.summary());

        CodePatchedEvent fixed = patch("demo/app/Farewell.java", edit("demo/app/Farewell.java",
                "${app.no-such-property}", "${app.no-such-property:See you}"));
        assertTrue(fixed.succeeded(), fixed::summary);
        http.await("/farewell", r -> r.body().equals("See you"), WAIT);
    }

    @Test
    void aRecreatedControllerServesFromItsNewInstance() throws IOException {
        String file = "demo/app/LiveController.java";
        assertEquals("v1 #1", http.get("/live").body());
        assertEquals("v1 #2", http.get("/live").body(), "the first request resolved the controller; this reuses it");
        Object before = bean("liveController");

        CodePatchedEvent event = patch(file, edit(file, "${app.live:v1}", "${app.live:v2}"));

        assertTrue(event.succeeded(), event::summary);
        assertEquals(java.util.Set.of("liveController"), event.recreatedBeans());
        assertNotSame(before, bean("liveController"));
        // The old instance, destroyed, would answer "destroyed v1 #3".
        assertEquals(new Http.Response(200, "v2 #1"), http.get("/live"), "the new instance serves");
        assertEquals("v2 #2", http.get("/live").body());
        assertTrue(event.remappedBeans().contains("liveController"), event::summary);
        assertTrue(event.mappingsAdded().isEmpty() && event.mappingsRemoved().isEmpty(),
                "the same mappings, now leading to the new instance: " + event.summary());
    }

    @Test
    void aControllerWhoseConstructorThrowsKeepsItsOldInstanceUntilAPatchFixesIt() throws IOException {
        String file = "demo/app/RepairController.java";
        assertEquals("original #1", http.get("/repair").body());
        Object before = bean("repairController");
        String working = sources.get(file);

        CodePatchedEvent broken = patch(file, edit(file, "        this.state = state;\n",
                "        this.state = state;\n        throw new IllegalStateException(\"repair is broken\");\n"));

        assertEquals(1, broken.failures().size(), broken::summary);
        RefreshFailure failure = broken.failures().get(0);
        assertEquals("repairController", failure.beanName());
        assertEquals("re-create", failure.action());
        assertTrue(failure.message().contains("repair is broken"), failure.message());
        assertEquals("the old instance keeps serving", failure.outcome());
        assertTrue(failure.message().endsWith("; the old instance keeps serving"), failure.message());
        assertTrue(broken.summary().contains("FAILED [" + failure.message() + "]"), broken::summary);
        assertTrue(broken.recreatedBeans().isEmpty(), broken::summary);
        assertSame(before, bean("repairController"));
        assertEquals(new Http.Response(200, "original #2"), http.get("/repair"), "the old instance, not destroyed");

        CodePatchedEvent fixed = patch(file, working.replace("this.state = state;",
                "this.state = \"repaired \" + state;"));

        assertTrue(fixed.succeeded(), fixed::summary);
        assertEquals(java.util.Set.of("repairController"), fixed.recreatedBeans());
        assertNotSame(before, bean("repairController"));
        // The old instance, destroyed, would answer "destroyed original #3".
        assertEquals(new Http.Response(200, "repaired original #1"), http.get("/repair"),
                "the fixed instance serves");
    }

    @Test
    void anAmbiguousMappingIsRefusedAndTheOldMappingsStay() throws IOException {
        assertEquals("clash", http.get("/clash").body());
        CodePatchedEvent event = patch("demo/app/ClashController.java", edit("demo/app/ClashController.java",
                "@GetMapping(\"/clash\")", "@GetMapping(\"/farewell\")"));

        assertEquals(1, event.failures().size(), event::summary);
        RefreshFailure failure = event.failures().get(0);
        assertEquals("clashController", failure.beanName());
        assertTrue(failure.message().contains("Ambiguous mapping"), failure.message());
        assertEquals(200, http.get("/farewell").status(), "the other controller keeps its mapping");
        assertEquals("clash", http.get("/clash").body(), "the bean's old mapping is back");
    }
}

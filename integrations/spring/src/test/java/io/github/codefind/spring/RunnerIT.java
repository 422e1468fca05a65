package io.github.codefind.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.spring.testing.SpringBuild;
import io.github.codefind.testing.ChildJvm;
import io.github.codefind.spring.testing.DemoApp;
import io.github.codefind.spring.testing.Http;
import io.github.codefind.testing.Jdk;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The application runs in a child JVM under {@code java -jar codefind.jar run --watch src ...}, on every
 * JDK found, with this module on its class path; the test edits its source files as a user would and
 * checks what real HTTP requests get.
 */
class RunnerIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern PORT = Pattern.compile(".*started on port (\\d+).*");

    @TempDir
    Path project;

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    /**
     * Starts the application under codefind's launcher.
     *
     * @param jdk the JDK
     * @param project the project, written by {@link DemoApp#writeProject}
     * @param classes its class folder
     * @return the running child, once it serves
     */
    static ChildJvm.Running launch(Jdk jdk, Path project, Path classes, String... codefindOptions) {
        String classPath = classes + File.pathSeparator + SpringBuild.moduleClasses() + File.pathSeparator
                + SpringBuild.springClassPath();
        List<String> jvm = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1"));
        if (jdk.feature() >= 22) {
            jvm.add("--enable-native-access=ALL-UNNAMED");
        }
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(List.of(codefindOptions));
        args.addAll(List.of("-cp", classPath, DemoApp.MAIN, "--server.port=0", "--server.address=127.0.0.1"));
        args.addAll(DemoApp.ARGS);
        return ChildJvm.on(jdk).jvmArgs(jvm).timeout(Duration.ofSeconds(60))
                .startJar(ChildJvm.codefindJar(), args.toArray(new String[0]));
    }

    /**
     * @param child a child running the application
     * @return the port it serves on, from Spring Boot's log line
     */
    static int awaitPort(ChildJvm.Running child) {
        Matcher m = PORT.matcher(child.awaitLine(l -> PORT.matcher(l).matches()));
        assertTrue(m.matches());
        return Integer.parseInt(m.group(1));
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(project.resolve("src").resolve(file), text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theRunningApplicationFollowsEditsOfItsSources(Jdk jdk) throws IOException {
        Path classes = DemoApp.writeProject(project);
        try (ChildJvm.Running child = launch(jdk, project, classes, "-v", "--watch",
                project.resolve("src").toString())) {
            Http http = new Http(awaitPort(child));
            assertEquals("body v1 #1", http.get("/body").body());

            // A changed handler body: the same controller instance runs the new code.
            write("demo/app/BodyController.java", DemoApp.edit("demo/app/BodyController.java", "\"body v1 #\"",
                    "\"body v2 #\""));
            String body = http.await("/body", r -> r.body().startsWith("body v2"), WAIT).body();
            assertTrue(Integer.parseInt(body.substring("body v2 #".length())) > 1, "the controller kept counting: " + body);

            // A changed mapping path.
            write("demo/app/PathController.java", DemoApp.edit("demo/app/PathController.java", "\"/path-old\"",
                    "\"/path-new\""));
            http.await("/path-new", r -> r.status() == 200, WAIT);
            assertEquals(404, http.get("/path-old").status());

            // A new endpoint in a new controller, in a new file, using an existing bean.
            write("demo/app/FreshController.java", String.join("\n",
                    "package demo.app;",
                    "import org.springframework.web.bind.annotation.*;",
                    "@RestController",
                    "public class FreshController {",
                    "    private final Greeter greeter;",
                    "    public FreshController(Greeter greeter) {",
                    "        this.greeter = greeter;",
                    "    }",
                    "    @GetMapping(\"/fresh\")",
                    "    public String fresh() {",
                    "        return \"fresh: \" + greeter.greet(\"new file\");",
                    "    }",
                    "}"));
            assertEquals("fresh: Hello, new file", http.await("/fresh", r -> r.status() == 200, WAIT).body());

            // A changed @Value: the service is re-created, the controller keeps its state.
            assertEquals("Hello, world #1", http.get("/greeting").body());
            write("demo/app/Greeter.java", DemoApp.edit("demo/app/Greeter.java", "${app.greeting}",
                    "${app.other-greeting}"));
            String greeting = http.await("/greeting", r -> r.body().startsWith("Howdy"), WAIT).body();
            assertTrue(Integer.parseInt(greeting.substring("Howdy, world #".length())) > 1,
                    "the controller kept its state: " + greeting);

            // A refresh that fails: the error names the bean and the cause, and says the old bean keeps serving.
            write("demo/app/Farewell.java", DemoApp.edit("demo/app/Farewell.java", "${app.farewell}",
                    "${app.no-such-property}"));
            String failure = child.awaitLine(l -> l.contains("codefind-spring: patch #") && l.contains("FAILED"));
            assertTrue(failure.contains("bean 'farewell': re-create failed")
                    && failure.contains("app.no-such-property") && failure.contains("the old instance keeps serving"),
                    failure);
            assertEquals("Goodbye", http.get("/farewell").body());
        }
    }
}

package io.github.codefind.spring.testing;

import io.github.codefind.testing.Javac;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small Spring Boot web application, as source files that tests write to a folder, compile with real
 * javac, run (in this JVM or in a child JVM) and edit while it runs. Each controller serves one test,
 * so that tests sharing one running application do not disturb each other.
 */
public final class DemoApp {
    /** The main class. */
    public static final String MAIN = "demo.app.DemoApplication";

    /** The application's arguments besides the server's address and port. */
    public static final List<String> ARGS = List.of("--app.greeting=Hello", "--app.other-greeting=Howdy",
            "--app.farewell=Goodbye", "--app.mood=calm", "--app.other-mood=cheerful", "--spring.main.banner-mode=off",
            "--logging.level.root=WARN", "--logging.level.io.github.codefind=INFO",
            "--logging.level.org.springframework.boot.tomcat=INFO", "--spring.jmx.enabled=false");

    private static final Map<String, String> SOURCES = new LinkedHashMap<>();

    static {
        source("demo/app/DemoApplication.java",
                "package demo.app;",
                "import org.springframework.boot.SpringApplication;",
                "import org.springframework.boot.autoconfigure.SpringBootApplication;",
                "@SpringBootApplication",
                "public class DemoApplication {",
                "    public static void main(String[] args) {",
                "        SpringApplication.run(DemoApplication.class, args);",
                "    }",
                "}");
        source("demo/app/BodyController.java",
                "package demo.app;",
                "import org.springframework.web.bind.annotation.*;",
                "@RestController",
                "public class BodyController {",
                "    private int calls;",
                "    @GetMapping(\"/body\")",
                "    public synchronized String body() {",
                "        calls++;",
                "        return \"body v1 #\" + calls;",
                "    }",
                "}");
        source("demo/app/PlainController.java",
                "package demo.app;",
                "import org.springframework.web.bind.annotation.*;",
                "@RestController",
                "public class PlainController {",
                "    @GetMapping(\"/plain\")",
                "    public String plain() {",
                "        return \"plain\";",
                "    }",
                "}");
        source("demo/app/PathController.java",
                "package demo.app;",
                "import org.springframework.web.bind.annotation.*;",
                "@RestController",
                "public class PathController {",
                "    private int calls;",
                "    @GetMapping(\"/path-old\")",
                "    public synchronized String path() {",
                "        calls++;",
                "        return \"path #\" + calls;",
                "    }",
                "}");
        source("demo/app/Greeter.java",
                "package demo.app;",
                "import org.springframework.beans.factory.annotation.Value;",
                "import org.springframework.stereotype.Service;",
                "@Service",
                "public class Greeter {",
                "    private final String greeting;",
                "    public Greeter(@Value(\"${app.greeting}\") String greeting) {",
                "        this.greeting = greeting;",
                "    }",
                "    public String greet(String who) {",
                "        return greeting + \", \" + who;",
                "    }",
                "}");
        source("demo/app/GreetingController.java",
                "package demo.app;",
                "import org.springframework.web.bind.annotation.*;",
                "@RestController",
                "public class GreetingController {",
                "    private final Greeter greeter;",
                "    private int calls;",
                "    public GreetingController(Greeter greeter) {",
                "        this.greeter = greeter;",
                "    }",
                "    @GetMapping(\"/greeting\")",
                "    public synchronized String greeting() {",
                "        calls++;",
                "        return greeter.greet(\"world\") + \" #\" + calls;",
                "    }",
                "}");
        source("demo/app/Farewell.java",
                "package demo.app;",
                "import org.springframework.beans.factory.annotation.Value;",
                "import org.springframework.stereotype.Service;",
                "@Service",
                "public class Farewell {",
                "    private final String text;",
                "    public Farewell(@Value(\"${app.farewell}\") String text) {",
                "        this.text = text;",
                "    }",
                "    public String text() {",
                "        return text;",
                "    }",
                "}");
        source("demo/app/FarewellController.java",
                "package demo.app;",
                "import org.springframework.web.bind.annotation.*;",
                "@RestController",
                "public class FarewellController {",
                "    private final Farewell farewell;",
                "    public FarewellController(Farewell farewell) {",
                "        this.farewell = farewell;",
                "    }",
                "    @GetMapping(\"/farewell\")",
                "    public String farewell() {",
                "        return farewell.text();",
                "    }",
                "}");
        source("demo/app/Mood.java",
                "package demo.app;",
                "import org.springframework.beans.factory.annotation.Value;",
                "import org.springframework.stereotype.Component;",
                "@Component",
                "public class Mood {",
                "    private String mood = \"unset\";",
                "    @Value(\"${app.mood}\")",
                "    public void setMood(String mood) {",
                "        this.mood = mood;",
                "    }",
                "    public String mood() {",
                "        return mood;",
                "    }",
                "}");
        source("demo/app/MoodController.java",
                "package demo.app;",
                "import org.springframework.web.bind.annotation.*;",
                "@RestController",
                "public class MoodController {",
                "    private final Mood mood;",
                "    public MoodController(Mood mood) {",
                "        this.mood = mood;",
                "    }",
                "    @GetMapping(\"/mood\")",
                "    public String mood() {",
                "        return mood.mood();",
                "    }",
                "}");
        source("demo/app/ParamController.java",
                "package demo.app;",
                "import org.springframework.web.bind.annotation.*;",
                "@RestController",
                "public class ParamController {",
                "    @GetMapping(\"/param\")",
                "    public String param(@RequestParam(name = \"a\", defaultValue = \"none\") String value) {",
                "        return \"param \" + value;",
                "    }",
                "}");
        source("demo/app/FieldValueController.java",
                "package demo.app;",
                "import org.springframework.beans.factory.annotation.Value;",
                "import org.springframework.web.bind.annotation.*;",
                "@RestController",
                "public class FieldValueController {",
                "    @Value(\"${app.mood}\")",
                "    private String mood;",
                "    @GetMapping(\"/field-value\")",
                "    public String mood() {",
                "        return mood;",
                "    }",
                "}");
        source("demo/app/MottoConfiguration.java",
                "package demo.app;",
                "import org.springframework.context.annotation.*;",
                "@Configuration",
                "public class MottoConfiguration {",
                "    @Bean",
                "    public StringBuilder motto() {",
                "        return new StringBuilder(\"motto v1\");",
                "    }",
                "}");
        source("demo/app/MottoController.java",
                "package demo.app;",
                "import org.springframework.web.bind.annotation.*;",
                "@RestController",
                "public class MottoController {",
                "    private final StringBuilder motto;",
                "    public MottoController(StringBuilder motto) {",
                "        this.motto = motto;",
                "    }",
                "    @GetMapping(\"/motto\")",
                "    public String motto() {",
                "        return motto.toString();",
                "    }",
                "}");
        source("demo/app/PrefixController.java",
                "package demo.app;",
                "import org.springframework.web.bind.annotation.*;",
                "@RestController",
                "@RequestMapping(\"/v1\")",
                "public class PrefixController {",
                "    @GetMapping(\"/prefix\")",
                "    public String prefix() {",
                "        return \"prefixed\";",
                "    }",
                "}");
        // Re-created controllers: a new instance must serve, not the destroyed one, which says so.
        source("demo/app/LiveController.java",
                "package demo.app;",
                "import org.springframework.beans.factory.DisposableBean;",
                "import org.springframework.beans.factory.annotation.Value;",
                "import org.springframework.web.bind.annotation.*;",
                "@RestController",
                "public class LiveController implements DisposableBean {",
                "    private final String x;",
                "    private int calls;",
                "    private boolean destroyed;",
                "    public LiveController(@Value(\"${app.live:v1}\") String x) {",
                "        this.x = x;",
                "    }",
                "    @GetMapping(\"/live\")",
                "    public synchronized String live() {",
                "        calls++;",
                "        return (destroyed ? \"destroyed \" : \"\") + x + \" #\" + calls;",
                "    }",
                "    @Override",
                "    public synchronized void destroy() {",
                "        destroyed = true;",
                "    }",
                "}");
        source("demo/app/RepairController.java",
                "package demo.app;",
                "import org.springframework.beans.factory.DisposableBean;",
                "import org.springframework.beans.factory.annotation.Value;",
                "import org.springframework.web.bind.annotation.*;",
                "@RestController",
                "public class RepairController implements DisposableBean {",
                "    private final String state;",
                "    private int calls;",
                "    private boolean destroyed;",
                "    public RepairController(@Value(\"${app.repair:original}\") String state) {",
                "        this.state = state;",
                "    }",
                "    @GetMapping(\"/repair\")",
                "    public synchronized String repair() {",
                "        calls++;",
                "        return (destroyed ? \"destroyed \" : \"\") + state + \" #\" + calls;",
                "    }",
                "    @Override",
                "    public synchronized void destroy() {",
                "        destroyed = true;",
                "    }",
                "}");
        source("demo/app/ClashController.java",
                "package demo.app;",
                "import org.springframework.web.bind.annotation.*;",
                "@RestController",
                "public class ClashController {",
                "    @GetMapping(\"/clash\")",
                "    public String clash() {",
                "        return \"clash\";",
                "    }",
                "}");
    }

    private DemoApp() {
    }

    private static void source(String file, String... lines) {
        SOURCES.put(file, String.join("\n", lines) + "\n");
    }

    /** @return the application's source files, file name to text */
    public static Map<String, String> sources() {
        return new LinkedHashMap<>(SOURCES);
    }

    /**
     * Writes the sources under {@code src} and their classes under {@code classes}.
     *
     * @param project the project folder
     * @return the class folder
     */
    public static Path writeProject(Path project) {
        try {
            for (Map.Entry<String, String> s : SOURCES.entrySet()) {
                Path f = project.resolve("src").resolve(s.getKey());
                Files.createDirectories(f.getParent());
                Files.writeString(f, s.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path classes = project.resolve("classes");
        Javac.write(Javac.compile(SOURCES, List.of()), classes);
        return classes;
    }

    /**
     * @param file a source file of the application
     * @param from text in it
     * @param to its replacement
     * @return the edited source
     * @throws AssertionError if the text is not there
     */
    public static String edit(String file, String from, String to) {
        String text = SOURCES.get(file);
        if (text == null || !text.contains(from)) {
            throw new AssertionError(file + " does not contain " + from);
        }
        return text.replace(from, to);
    }
}

package io.github.codefind.demo.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.demo.spring.testing.Clinic;
import io.github.codefind.spring.testing.Http;
import io.github.codefind.testing.ChildJvm;
import io.github.codefind.testing.Jdk;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The clinic runs in a child JVM under {@code java -jar codefind.jar run --watch <a copy of its sources>}, once
 * per JDK found; the test uses it over real HTTP, saves one-line edits to the copy as a developer would, and
 * checks that the new code answers while what the application holds (an owner created through the API) stays.
 */
class LiveEditIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern CREATED = Pattern.compile("\\{\"id\":(\\d+),.*");

    @TempDir
    Path sources;

    static Stream<Jdk> jdks() {
        return Jdk.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void editsOfControllersAndServicesServeAtOnceAndKeepTheData(Jdk jdk) throws IOException {
        Clinic clinic = Clinic.fromBuild();
        Clinic.copy(clinic.sources(), sources);
        try (ChildJvm.Running child = clinic.startWatching(jdk, sources)) {
            Http http = new Http(Clinic.awaitPort(child));
            assertEquals("George Franklin of Madison has 1 pet(s)", http.get("/api/owners/1/summary").body());

            // State the application holds: an owner created through the JSON API, in its H2 database.
            Http.Response created = http.post("/api/owners", "application/json", "{\"firstName\":\"Ada\","
                    + "\"lastName\":\"Lovelace\",\"address\":\"12 St James's Sq.\",\"city\":\"London\","
                    + "\"telephone\":\"0201234567\"}");
            assertEquals(201, created.status(), created.body());
            Matcher id = CREATED.matcher(created.body());
            assertTrue(id.matches(), created.body());
            String summary = "/api/owners/" + id.group(1) + "/summary";
            assertEquals("Ada Lovelace of London has 0 pet(s)", http.get(summary).body());

            // A one-line edit of a controller's handler body: the next requests get the new text, about the
            // owner created before the edit.
            Clinic.edit(sources, "owner/OwnerApiController.java", "\" has \"", "\" looks after \"");
            assertEquals("Ada Lovelace of London looks after 0 pet(s)",
                    http.await(summary, r -> r.body().contains("looks after"), WAIT).body());

            // A one-line edit of a service the welcome page (Thymeleaf) shows: the page renders it, with the
            // numbers from the database, the new owner counted.
            Clinic.edit(sources, "system/ClinicInfo.java", "\"Caring for pets since 1998\"",
                    "\"Caring for pets, patched live\"");
            String welcome = http.await("/", r -> r.body().contains("Caring for pets, patched live"), WAIT).body();
            assertTrue(welcome.contains("<td id=\"owners\">11</td>"), welcome);

            // Other pages still render after the patches: a form with validation errors, and the new owner's page.
            String form = http.post("/owners/new", "application/x-www-form-urlencoded",
                    "firstName=Grace&lastName=Hopper&address=&city=Arlington&telephone=12").body();
            assertTrue(form.contains("must not be blank") && form.contains("must be 10 digits"), form);
            assertTrue(http.get("/owners/" + id.group(1)).body().contains("<h1 class=\"owner\">Ada Lovelace</h1>"));

            // codefind's and the Spring integration's lines say what was patched, and that nothing needed a refresh.
            child.awaitLine(l -> l.contains("codefind-spring: patch #2 (io.github.codefind.demo.spring.system.ClinicInfo)")
                    && l.contains("no bean needed a refresh"));

            // A changed request mapping: the controller's mappings are registered again, where Spring MVC had
            // them. Its other handlers keep working as on a fresh start: the JSON views read owners' pets
            // lazily, inside the open-in-view interceptor of MVC's handler mapping (the actuator's handler
            // mappings have none, and once served the controller after such an edit).
            Clinic.edit(sources, "owner/OwnerApiController.java", "\"/{id}/summary\"", "\"/{id}/overview\"");
            String overview = "/api/owners/" + id.group(1) + "/overview";
            assertEquals("Ada Lovelace of London looks after 0 pet(s)",
                    http.await(overview, r -> r.status() == 200, WAIT).body());
            assertEquals(404, http.get(summary).status(), "the old path is gone");
            Http.Response owner = http.get("/api/owners/1");
            assertEquals(200, owner.status(), owner.body());
            assertTrue(owner.body().contains("\"pets\":[{"), owner.body());
            assertEquals(200, http.get("/api/owners").status());
        }
    }
}

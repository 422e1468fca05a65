package io.github.codefind.demo.spring.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** The clinic's name, motto and opening hours, as the welcome page and the stats show them. */
@Service
public class ClinicInfo {
    private final String name;

    /** @param name the clinic's name, {@code clinic.name} */
    public ClinicInfo(@Value("${clinic.name}") String name) {
        this.name = name;
    }

    /** @return the clinic's name */
    public String name() {
        return name;
    }

    /** @return the line under the name on the welcome page */
    public String motto() {
        return "Caring for pets since 1998";
    }

    /** @return when the clinic is open */
    public String openingHours() {
        return "Mon-Fri 8:00-18:00, Sat 9:00-13:00";
    }
}

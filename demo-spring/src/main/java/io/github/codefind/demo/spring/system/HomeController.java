package io.github.codefind.demo.spring.system;

import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The welcome page and the clinic's numbers as JSON. */
@Controller
public class HomeController {
    private final ClinicInfo clinic;
    private final StatsService stats;

    /**
     * @param clinic the clinic's name and motto
     * @param stats the clinic in numbers
     */
    public HomeController(ClinicInfo clinic, StatsService stats) {
        this.clinic = clinic;
        this.stats = stats;
    }

    /**
     * @param model the page's model
     * @return the welcome page
     */
    @GetMapping("/")
    public String welcome(Model model) {
        model.addAttribute("clinic", clinic);
        model.addAttribute("stats", stats.stats());
        return "welcome";
    }

    /** @return the clinic's name and numbers as JSON */
    @GetMapping("/api/stats")
    @ResponseBody
    public Map<String, Object> stats() {
        return Map.of("clinic", clinic.name(), "stats", stats.stats());
    }
}

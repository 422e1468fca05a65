package io.github.codefind.demo.spring.vet;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The vets: a page, and JSON. */
@Controller
public class VetController {
    private final VetService service;

    /** @param service the vets */
    public VetController(VetService service) {
        this.service = service;
    }

    /**
     * @param model the page's model
     * @return the vets' page
     */
    @GetMapping("/vets")
    public String page(Model model) {
        model.addAttribute("vets", service.all());
        return "vets/list";
    }

    /** @return the vets as JSON */
    @GetMapping("/api/vets")
    @ResponseBody
    public List<VetService.VetView> json() {
        return service.all();
    }
}

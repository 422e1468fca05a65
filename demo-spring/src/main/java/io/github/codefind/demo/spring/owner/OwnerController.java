package io.github.codefind.demo.spring.owner;

import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The owner pages: search, details, and the new and edit forms. */
@Controller
public class OwnerController {
    private static final String FORM = "owners/form";

    private final OwnerService service;

    /** @param service the owners */
    public OwnerController(OwnerService service) {
        this.service = service;
    }

    /**
     * @param lastName the start of a last name, optional
     * @param model the page's model
     * @return the list of owners found
     */
    @GetMapping("/owners")
    public String list(@RequestParam(defaultValue = "") String lastName, Model model) {
        model.addAttribute("lastName", lastName);
        model.addAttribute("owners", service.search(lastName));
        return "owners/list";
    }

    /**
     * @param id the owner
     * @param model the page's model
     * @return the owner's page, with pets and visits
     */
    @GetMapping("/owners/{id}")
    public String show(@PathVariable long id, Model model) {
        model.addAttribute("owner", service.owner(id));
        return "owners/detail";
    }

    /**
     * @param model the form's model
     * @return an empty owner form
     */
    @GetMapping("/owners/new")
    public String create(Model model) {
        model.addAttribute("owner", new Owner());
        return FORM;
    }

    /**
     * @param owner the form's fields
     * @param errors what validation found
     * @return the form again with its errors, or the new owner's page
     */
    @PostMapping("/owners/new")
    public String create(@Valid Owner owner, BindingResult errors) {
        if (errors.hasErrors()) {
            return FORM;
        }
        return "redirect:/owners/" + service.save(owner).getId();
    }

    /**
     * @param id the owner
     * @param model the form's model
     * @return the owner form, filled in
     */
    @GetMapping("/owners/{id}/edit")
    public String edit(@PathVariable long id, Model model) {
        model.addAttribute("owner", service.owner(id));
        return FORM;
    }

    /**
     * @param id the owner
     * @param owner the form's fields
     * @param errors what validation found
     * @return the form again with its errors, or the owner's page
     */
    @PostMapping("/owners/{id}/edit")
    public String edit(@PathVariable long id, @Valid Owner owner, BindingResult errors) {
        if (errors.hasErrors()) {
            return FORM;
        }
        owner.setId(id);
        service.save(owner);
        return "redirect:/owners/" + id;
    }
}

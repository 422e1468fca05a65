package io.github.codefind.demo.spring.visit;

import io.github.codefind.demo.spring.owner.OwnerService;
import io.github.codefind.demo.spring.owner.Pet;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The new-visit form. */
@Controller
public class VisitController {
    private final OwnerService owners;
    private final VisitService visits;

    /**
     * @param owners the owners and pets
     * @param visits the visits
     */
    public VisitController(OwnerService owners, VisitService visits) {
        this.owners = owners;
        this.visits = visits;
    }

    /**
     * @param ownerId the owner
     * @param petId the pet
     * @return the pet, for the form's heading and its earlier visits
     */
    @ModelAttribute("pet")
    public Pet pet(@PathVariable long ownerId, @PathVariable long petId) {
        return owners.pet(ownerId, petId);
    }

    /**
     * @param visit an empty visit, dated today
     * @return the form
     */
    @GetMapping("/owners/{ownerId}/pets/{petId}/visits/new")
    public String create(@ModelAttribute("visit") Visit visit) {
        return "visits/form";
    }

    /**
     * @param ownerId the owner
     * @param petId the pet
     * @param visit the form's fields
     * @param errors what validation found
     * @return the form again with its errors, or the owner's page
     */
    @PostMapping("/owners/{ownerId}/pets/{petId}/visits/new")
    public String create(@PathVariable long ownerId, @PathVariable long petId, @Valid @ModelAttribute("visit") Visit visit,
            BindingResult errors) {
        if (errors.hasErrors()) {
            return "visits/form";
        }
        visits.book(ownerId, petId, visit);
        return "redirect:/owners/" + ownerId;
    }
}

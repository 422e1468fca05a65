package io.github.codefind.demo.spring.owner;

import jakarta.validation.Valid;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** A pet's new and edit forms, under its owner. */
@Controller
@RequestMapping("/owners/{ownerId}/pets")
public class PetController {
    private static final String FORM = "pets/form";

    private final OwnerService service;

    /** @param service the owners and their pets */
    public PetController(OwnerService service) {
        this.service = service;
    }

    /** @return the kinds of pets, for the form's choice */
    @ModelAttribute("types")
    public List<PetType> types() {
        return service.petTypes();
    }

    /**
     * @param ownerId the owner
     * @return the owner, for the form's heading
     */
    @ModelAttribute("owner")
    public Owner owner(@PathVariable long ownerId) {
        return service.owner(ownerId);
    }

    /**
     * @param pet an empty pet, bound to the form
     * @return the new-pet form
     */
    @GetMapping("/new")
    public String create(@ModelAttribute("pet") Pet pet) {
        return FORM;
    }

    /**
     * @param owner the owner
     * @param pet the form's fields
     * @param errors what validation found, and a duplicate name
     * @return the form again with its errors, or the owner's page
     */
    @PostMapping("/new")
    public String create(@ModelAttribute("owner") Owner owner, @Valid @ModelAttribute("pet") Pet pet,
            BindingResult errors) {
        rejectDuplicateName(owner, pet, null, errors);
        if (errors.hasErrors()) {
            return FORM;
        }
        service.addPet(owner.getId(), pet);
        return "redirect:/owners/" + owner.getId();
    }

    /**
     * @param ownerId the owner
     * @param petId the pet
     * @param model the form's model
     * @return the pet form, filled in
     */
    @GetMapping("/{petId}/edit")
    public String edit(@PathVariable long ownerId, @PathVariable long petId, Model model) {
        model.addAttribute("pet", service.pet(ownerId, petId));
        return FORM;
    }

    /**
     * @param owner the owner
     * @param petId the pet
     * @param pet the form's fields
     * @param errors what validation found, and a duplicate name
     * @return the form again with its errors, or the owner's page
     */
    @PostMapping("/{petId}/edit")
    public String edit(@ModelAttribute("owner") Owner owner, @PathVariable long petId,
            @Valid @ModelAttribute("pet") Pet pet, BindingResult errors) {
        pet.setId(petId);
        rejectDuplicateName(owner, pet, petId, errors);
        if (errors.hasErrors()) {
            return FORM;
        }
        service.updatePet(owner.getId(), pet);
        return "redirect:/owners/" + owner.getId();
    }

    // A rule bean validation cannot see: names are unique among one owner's pets.
    private void rejectDuplicateName(Owner owner, Pet pet, Long petId, BindingResult errors) {
        if (pet.getName() != null && service.hasOtherPetNamed(owner, pet.getName(), petId)) {
            errors.rejectValue("name", "duplicate", owner.getFirstName() + " already has a pet of that name");
        }
    }
}

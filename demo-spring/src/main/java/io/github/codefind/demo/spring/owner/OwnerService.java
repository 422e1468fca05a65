package io.github.codefind.demo.spring.owner;

import io.github.codefind.demo.spring.system.NotFoundException;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Owners and their pets: what the owner and pet pages and the owner API do. */
@Service
@Transactional
public class OwnerService {
    private final OwnerRepository owners;
    private final PetRepository pets;
    private final PetTypeRepository types;

    /**
     * @param owners the owners
     * @param pets the pets
     * @param types the kinds of pets
     */
    public OwnerService(OwnerRepository owners, PetRepository pets, PetTypeRepository types) {
        this.owners = owners;
        this.pets = pets;
        this.types = types;
    }

    /**
     * @param lastName the start of a last name; null or empty for every owner
     * @return the owners found
     */
    @Transactional(readOnly = true)
    public List<Owner> search(String lastName) {
        return owners.findByLastNameStartingWithIgnoreCaseOrderByLastNameAscFirstNameAsc(
                lastName == null ? "" : lastName.trim());
    }

    /**
     * @param id an owner's id
     * @return that owner
     * @throws NotFoundException if there is none
     */
    @Transactional(readOnly = true)
    public Owner owner(long id) {
        return owners.findById(id).orElseThrow(() -> new NotFoundException("owner", id));
    }

    /**
     * @param ownerId an owner's id
     * @param petId the id of one of the owner's pets
     * @return that pet
     * @throws NotFoundException if the owner has no such pet
     */
    @Transactional(readOnly = true)
    public Pet pet(long ownerId, long petId) {
        return pets.findById(petId).filter(p -> p.getOwner().getId() == ownerId)
                .orElseThrow(() -> new NotFoundException("pet", petId));
    }

    /**
     * @param owner a new or edited owner
     * @return the owner as saved, with its id
     */
    public Owner save(Owner owner) {
        if (owner.getId() != null) {
            // An edit binds only the form's fields: keep the pets the form does not carry.
            owner.getPets().addAll(pets.findByOwnerIdOrderByName(owner.getId()));
        }
        return owners.save(owner);
    }

    /**
     * @param ownerId the owner
     * @param pet a new pet of theirs
     * @return the pet as saved
     */
    public Pet addPet(long ownerId, Pet pet) {
        Owner owner = owner(ownerId);
        owner.addPet(pet);
        return pets.save(pet);
    }

    /**
     * @param ownerId the owner
     * @param edited the pet's new name, birth date and kind, with its id
     */
    public void updatePet(long ownerId, Pet edited) {
        Pet pet = pet(ownerId, edited.getId());
        pet.setName(edited.getName());
        pet.setBirthDate(edited.getBirthDate());
        pet.setType(edited.getType());
    }

    /**
     * @param owner an owner
     * @param name a pet name
     * @param except the id of the pet being edited, null for a new pet
     * @return whether another of the owner's pets already has that name
     */
    @Transactional(readOnly = true)
    public boolean hasOtherPetNamed(Owner owner, String name, Long except) {
        return pets.findByOwnerIdOrderByName(owner.getId()).stream()
                .anyMatch(p -> p.getName().equalsIgnoreCase(name) && !p.getId().equals(except));
    }

    /** @return the kinds of pets the clinic treats, by name */
    @Transactional(readOnly = true)
    public List<PetType> petTypes() {
        return types.findAllByOrderByName();
    }
}

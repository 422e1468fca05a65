package io.github.codefind.demo.spring.owner;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Pets. */
public interface PetRepository extends JpaRepository<Pet, Long> {
    /**
     * @param type a kind of pet, by name
     * @return how many pets of that kind the clinic knows
     */
    long countByTypeName(String type);

    /**
     * @param ownerId an owner
     * @return the owner's pets
     */
    List<Pet> findByOwnerIdOrderByName(Long ownerId);
}

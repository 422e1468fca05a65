package io.github.codefind.demo.spring.vet;

import io.github.codefind.demo.spring.model.Person;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ManyToMany;
import java.util.LinkedHashSet;
import java.util.Set;

/** A vet of the clinic. */
@Entity
public class Vet extends Person {
    @ManyToMany(fetch = FetchType.EAGER)
    private Set<Specialty> specialties = new LinkedHashSet<>();

    /** For JPA. */
    protected Vet() {
    }

    /**
     * @param firstName first name
     * @param lastName last name
     * @param specialties what the vet is trained in
     */
    public Vet(String firstName, String lastName, Specialty... specialties) {
        setFirstName(firstName);
        setLastName(lastName);
        this.specialties.addAll(Set.of(specialties));
    }

    /** @return what the vet is trained in */
    public Set<Specialty> getSpecialties() {
        return specialties;
    }
}

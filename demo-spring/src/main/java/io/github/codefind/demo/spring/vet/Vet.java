package io.github.codefind.demo.spring.vet;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;
import jakarta.validation.constraints.NotBlank;
import java.util.LinkedHashSet;
import java.util.Set;

/** A vet of the clinic. */
@Entity
public class Vet {
    @Id
    @GeneratedValue
    private Long id;

    @NotBlank
    private String firstName;

    @NotBlank
    private String lastName;

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
        this.firstName = firstName;
        this.lastName = lastName;
        this.specialties.addAll(Set.of(specialties));
    }

    /** @return the id */
    public Long getId() {
        return id;
    }

    /** @return first and last name */
    public String fullName() {
        return firstName + " " + lastName;
    }

    /** @return the last name */
    public String getLastName() {
        return lastName;
    }

    /** @return what the vet is trained in */
    public Set<Specialty> getSpecialties() {
        return specialties;
    }
}

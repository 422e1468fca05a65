package io.github.codefind.demo.spring.model;

import jakarta.persistence.MappedSuperclass;
import jakarta.validation.constraints.NotBlank;

/** A person: an owner or a vet. */
@MappedSuperclass
public abstract class Person extends BaseEntity {
    @NotBlank
    private String firstName;

    @NotBlank
    private String lastName;

    /** @return the name as shown everywhere */
    public String fullName() {
        return firstName + " " + lastName;
    }

    /** @return the first name */
    public String getFirstName() {
        return firstName;
    }

    /** @param firstName the first name */
    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    /** @return the last name */
    public String getLastName() {
        return lastName;
    }

    /** @param lastName the last name */
    public void setLastName(String lastName) {
        this.lastName = lastName;
    }
}

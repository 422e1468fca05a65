package io.github.codefind.demo.spring.owner;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** A kind of pet: cat, dog, ... */
@Entity
public class PetType {
    @Id
    @GeneratedValue
    private Long id;

    private String name;

    /** For JPA. */
    protected PetType() {
    }

    /** @param name the kind, such as {@code cat} */
    public PetType(String name) {
        this.name = name;
    }

    /** @return the id */
    public Long getId() {
        return id;
    }

    /** @return the kind */
    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}

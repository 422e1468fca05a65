package io.github.codefind.demo.spring.owner;

import io.github.codefind.demo.spring.model.NamedEntity;
import jakarta.persistence.Entity;

/** A kind of pet: cat, dog, ... */
@Entity
public class PetType extends NamedEntity {
    /** For JPA. */
    protected PetType() {
    }

    /** @param name the kind, such as {@code cat} */
    public PetType(String name) {
        super(name);
    }
}

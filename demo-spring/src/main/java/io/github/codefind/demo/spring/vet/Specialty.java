package io.github.codefind.demo.spring.vet;

import io.github.codefind.demo.spring.model.NamedEntity;
import jakarta.persistence.Entity;

/** What a vet is trained in: radiology, surgery, dentistry. */
@Entity
public class Specialty extends NamedEntity {
    /** For JPA. */
    protected Specialty() {
    }

    /** @param name the specialty, lower case */
    public Specialty(String name) {
        super(name);
    }
}

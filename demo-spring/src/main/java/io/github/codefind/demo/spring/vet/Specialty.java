package io.github.codefind.demo.spring.vet;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** What a vet is trained in: radiology, surgery, dentistry. */
@Entity
public class Specialty {
    @Id
    @GeneratedValue
    private Long id;

    private String name;

    /** For JPA. */
    protected Specialty() {
    }

    /** @param name the specialty, lower case */
    public Specialty(String name) {
        this.name = name;
    }

    /** @return the id */
    public Long getId() {
        return id;
    }

    /** @return the specialty */
    public String getName() {
        return name;
    }
}

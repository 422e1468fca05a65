package io.github.codefind.demo.spring.model;

import jakarta.persistence.MappedSuperclass;

/** An entity that is only a name: a kind of pet, a specialty. */
@MappedSuperclass
public abstract class NamedEntity extends BaseEntity {
    private String name;

    /** For JPA. */
    protected NamedEntity() {
    }

    /** @param name the name, lower case */
    protected NamedEntity(String name) {
        this.name = name;
    }

    /** @return the name */
    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}

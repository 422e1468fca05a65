package io.github.codefind.demo.spring.model;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/** The id every entity has; each entity gets a sequence of its own. */
@MappedSuperclass
public abstract class BaseEntity {
    @Id
    @GeneratedValue
    private Long id;

    /** @return the id, null before the entity is saved */
    public Long getId() {
        return id;
    }

    /** @param id the id, as a form or an edit names it */
    public void setId(Long id) {
        this.id = id;
    }
}

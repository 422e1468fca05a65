package io.github.codefind.demo.spring.owner;

import io.github.codefind.demo.spring.model.BaseEntity;
import io.github.codefind.demo.spring.visit.Visit;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;

/** A pet, with its visits to the clinic. */
@Entity
public class Pet extends BaseEntity {
    @NotBlank
    private String name;

    @NotNull
    @PastOrPresent
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate birthDate;

    @NotNull
    @ManyToOne
    private PetType type;

    @ManyToOne(fetch = FetchType.LAZY)
    private Owner owner;

    @OneToMany(mappedBy = "pet")
    @OrderBy("date desc")
    private List<Visit> visits = new ArrayList<>();

    /** For JPA and form binding. */
    public Pet() {
    }

    /**
     * @param name the pet's name
     * @param birthDate its birth date
     * @param type its kind
     */
    public Pet(String name, LocalDate birthDate, PetType type) {
        this.name = name;
        this.birthDate = birthDate;
        this.type = type;
    }

    /** @return the name */
    public String getName() {
        return name;
    }

    /** @param name the name */
    public void setName(String name) {
        this.name = name;
    }

    /** @return the birth date */
    public LocalDate getBirthDate() {
        return birthDate;
    }

    /** @param birthDate the birth date */
    public void setBirthDate(LocalDate birthDate) {
        this.birthDate = birthDate;
    }

    /** @return the kind */
    public PetType getType() {
        return type;
    }

    /** @param type the kind */
    public void setType(PetType type) {
        this.type = type;
    }

    /** @return the owner */
    public Owner getOwner() {
        return owner;
    }

    void setOwner(Owner owner) {
        this.owner = owner;
    }

    /** @return the visits, latest first */
    public List<Visit> getVisits() {
        return visits;
    }
}

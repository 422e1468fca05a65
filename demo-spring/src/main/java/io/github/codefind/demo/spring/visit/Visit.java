package io.github.codefind.demo.spring.visit;

import io.github.codefind.demo.spring.model.BaseEntity;
import io.github.codefind.demo.spring.owner.Pet;
import io.github.codefind.demo.spring.vet.Vet;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ManyToOne;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;

/** A pet's visit to the clinic, with the vet who saw it, if any yet. */
@Entity
public class Visit extends BaseEntity {
    @NotNull
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate date = LocalDate.now();

    @NotBlank
    @Size(max = 255)
    private String description;

    @ManyToOne(fetch = FetchType.LAZY)
    private Pet pet;

    @ManyToOne
    private Vet vet;

    /** For JPA and form binding. */
    public Visit() {
    }

    /**
     * @param pet the pet
     * @param date the day
     * @param description why it came
     * @param vet who saw it, or null
     */
    public Visit(Pet pet, LocalDate date, String description, Vet vet) {
        this.pet = pet;
        this.date = date;
        this.description = description;
        this.vet = vet;
    }

    /** @return the day */
    public LocalDate getDate() {
        return date;
    }

    /** @param date the day */
    public void setDate(LocalDate date) {
        this.date = date;
    }

    /** @return why the pet came */
    public String getDescription() {
        return description;
    }

    /** @param description why the pet came */
    public void setDescription(String description) {
        this.description = description;
    }

    /** @return the pet */
    public Pet getPet() {
        return pet;
    }

    /** @param pet the pet */
    public void setPet(Pet pet) {
        this.pet = pet;
    }

    /** @return the vet, or null */
    public Vet getVet() {
        return vet;
    }

    /** @param vet the vet, or null */
    public void setVet(Vet vet) {
        this.vet = vet;
    }
}

package io.github.codefind.demo.spring.owner;

import io.github.codefind.demo.spring.model.Person;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.List;

/** A pet owner. The constraints are what the owner form shows as errors. */
@Entity
public class Owner extends Person {
    @NotBlank
    private String address;

    @NotBlank
    private String city;

    @NotBlank
    @Pattern(regexp = "\\d{10}", message = "must be 10 digits")
    private String telephone;

    @OneToMany(mappedBy = "owner", cascade = CascadeType.ALL)
    @OrderBy("name")
    private List<Pet> pets = new ArrayList<>();

    /** For JPA and form binding. */
    public Owner() {
    }

    /**
     * @param firstName first name
     * @param lastName last name
     * @param address street address
     * @param city city
     * @param telephone ten digits
     */
    public Owner(String firstName, String lastName, String address, String city, String telephone) {
        setFirstName(firstName);
        setLastName(lastName);
        this.address = address;
        this.city = city;
        this.telephone = telephone;
    }

    /** @param pet a pet that now belongs to this owner */
    public void addPet(Pet pet) {
        pet.setOwner(this);
        pets.add(pet);
    }

    /** @return the street address */
    public String getAddress() {
        return address;
    }

    /** @param address the street address */
    public void setAddress(String address) {
        this.address = address;
    }

    /** @return the city */
    public String getCity() {
        return city;
    }

    /** @param city the city */
    public void setCity(String city) {
        this.city = city;
    }

    /** @return the telephone number */
    public String getTelephone() {
        return telephone;
    }

    /** @param telephone the telephone number */
    public void setTelephone(String telephone) {
        this.telephone = telephone;
    }

    /** @return the pets, by name */
    public List<Pet> getPets() {
        return pets;
    }
}

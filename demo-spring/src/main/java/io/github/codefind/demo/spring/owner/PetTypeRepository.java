package io.github.codefind.demo.spring.owner;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** The kinds of pets the clinic treats. */
public interface PetTypeRepository extends JpaRepository<PetType, Long> {
    /** @return every kind, by name */
    List<PetType> findAllByOrderByName();

    /**
     * @param name a kind, such as {@code cat}
     * @return that kind, if the clinic treats it
     */
    Optional<PetType> findByName(String name);
}

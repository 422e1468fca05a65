package io.github.codefind.demo.spring.owner;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Owners, searched by last name. */
public interface OwnerRepository extends JpaRepository<Owner, Long> {
    /**
     * @param prefix the start of a last name, any case; empty for all
     * @return the owners found, by last name
     */
    List<Owner> findByLastNameStartingWithIgnoreCaseOrderByLastNameAscFirstNameAsc(String prefix);
}

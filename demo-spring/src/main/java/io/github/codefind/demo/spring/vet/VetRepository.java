package io.github.codefind.demo.spring.vet;

import org.springframework.data.jpa.repository.JpaRepository;

/** Vets. */
public interface VetRepository extends JpaRepository<Vet, Long> {
}

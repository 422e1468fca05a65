package io.github.codefind.demo.spring.vet;

import org.springframework.data.jpa.repository.JpaRepository;

/** Specialties. */
public interface SpecialtyRepository extends JpaRepository<Specialty, Long> {
}

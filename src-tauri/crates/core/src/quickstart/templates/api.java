// Validate access tokens for {{AUDIENCE}} in Spring Boot (spring-boot-starter-oauth2-resource-server).
// application.properties:
{{#RS256}}//   spring.security.oauth2.resourceserver.jwt.issuer-uri={{ISSUER}}
//   spring.security.oauth2.resourceserver.jwt.audiences={{AUDIENCE}}
{{/RS256}}{{#HS256}}//   api.signing-secret=${API_SIGNING_SECRET}
{{/HS256}}package com.example.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
{{#HS256}}import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import java.util.List;
{{/HS256}}
@SpringBootApplication
@RestController
public class ApiApplication {
    public static void main(String[] args) {
        SpringApplication.run(ApiApplication.class, args);
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
            .oauth2ResourceServer(o -> o.jwt(jwt -> {}));
        return http.build();
    }
{{#HS256}}
    // HS256: the API's signing secret comes from the environment (API_SIGNING_SECRET).
    @Bean
    JwtDecoder jwtDecoder(@Value("${api.signing-secret}") String secret) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder
            .withSecretKey(new SecretKeySpec(secret.getBytes(), "HmacSHA256"))
            .macAlgorithm(MacAlgorithm.HS256)
            .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
            JwtValidators.createDefaultWithIssuer("{{ISSUER}}"),
            new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains("{{AUDIENCE}}"))));
        return decoder;
    }
{{/HS256}}
    @GetMapping("/api/orders")
    public String orders(@AuthenticationPrincipal Jwt jwt) {
        return "{\"ok\":true,\"sub\":\"" + jwt.getSubject() + "\"}";
    }
}

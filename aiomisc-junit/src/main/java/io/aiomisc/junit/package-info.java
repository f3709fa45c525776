/**
 * JUnit 5 support for aiomisc services: {@link io.aiomisc.junit.AiomiscTest}, {@link io.aiomisc.junit.Services}
 * {@link io.aiomisc.junit.UnusedPort} and {@link io.aiomisc.junit.Proxy}.
 */
package io.aiomisc.junit;

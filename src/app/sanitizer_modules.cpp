// Sanitizer builds only: libraries stay loaded until the process ends, so LeakSanitizer's report
// at exit can name them. Mesa's GLX loader dlcloses the software renderer (swrast_dri.so) when
// the window closes; two 56-byte blocks it allocated and never freed were then reported from an
// "<unknown module>", which no library-name suppression in tests/lsan.supp can match, and the
// ASan kiosk failed its soak at HR's Quit. Layer: app.
#if defined(__SANITIZE_ADDRESS__)

// Every dlclose in the process resolves here (CMakeLists.txt exports this symbol in sanitizer
// builds): the library stays mapped, which is what a process about to exit does anyway.
extern "C" int dlclose(void*) { return 0; }

#endif

// The one platform seam: owns GLFW, the kiosk window, its GL context and both ImGui backends.
// Layer: platform. Nothing else includes GLFW; the UI asks this class for frames, events, size
// and pixels, and never sees a GLFW or GL handle.
#pragma once

#include <deque>
#include <optional>
#include <memory>
#include <string>
#include <utility>

#include "core/photos/photo.hpp"

struct GLFWwindow;

namespace wof::platform {

struct WindowOptions {
  std::string title = "Wall of Fame";
  bool fullscreen = true;
  int monitor = 0;  // full screen: index into the connected monitors (falls back to the primary)
  int width = 1920;  // windowed size
  int height = 1080;
  bool allowQuit = false;  // full screen: honour close requests and Escape (development only)
};

class Window {
 public:
  // Opens the window with a GL 3.3 core context (3.0 as a fallback) and sets up ImGui for it.
  // Throws std::runtime_error when no display or GL context can be had.
  explicit Window(const WindowOptions& options);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  // Sleeps until input arrives, wake() is called or `timeoutS` passes (0: just polls).
  // Returns true when input or a window change arrived, so the caller should redraw.
  bool waitForEvents(double timeoutS);
  // True once per touch, key or click since the last call (window events such as focus or
  // exposure do not count): what wakes a dark screen and keeps a lit one on.
  bool takeTouch();
  // Forgets touches not yet handed to ImGui: the touch that wakes a dark screen only wakes it.
  void discardInput();
  // Shows a black screen without an ImGui frame: what a kiosk outside its hours displays.
  void showBlack();
  // Thread-safe: ends a waitForEvents early (the photo worker calls it when a photo is ready).
  static void wake();

  // True once the user closed a windowed kiosk. A full-screen kiosk ignores close requests (it
  // leaves only through the admin screen) unless WindowOptions::allowQuit; then Escape quits too.
  bool closeRequested();
  bool fullscreen() const { return m_fullscreen; }

  // Once the fonts are added to ImGui's atlas: uploads it and frees its CPU copy.
  void uploadFonts();

  void beginFrame();
  // Renders the ImGui frame into the back buffer; present() then shows it.
  void endFrame();
  void present();
  // The back buffer as drawn by endFrame() (call before present()), top row first, opaque.
  core::Rgba readPixels() const;

  int framebufferWidth() const;
  int framebufferHeight() const;
  // The monitor's DPI scale as the window system reports it (1.0 on a plain X server).
  float contentScale() const;

 private:
  struct GlfwLibrary {
    GlfwLibrary();
    ~GlfwLibrary();
    GlfwLibrary(const GlfwLibrary&) = delete;
    GlfwLibrary& operator=(const GlfwLibrary&) = delete;
  };
  struct WindowDeleter {
    void operator()(GLFWwindow* window) const;
  };

  struct ImGuiBackends;  // the ImGui context and its GLFW + OpenGL3 backends, shut down in order

  void installCallbacks();
  // ImGui 1.86 reads the pointer once per frame, so a quick tap followed by the next one inside a
  // single slow frame would merge or vanish. Presses, releases and moves are queued here and fed
  // to ImGui one button change per frame instead (what later ImGui versions call trickling).
  struct PointerEvent {
    double x;
    double y;
    int down;  // 1 pressed, 0 released, -1 a move
  };
  void feedPointer();

  std::deque<PointerEvent> m_pointer;
  bool m_pointerDown = false;
  // Where the last motion event put the pointer: a press is where the finger was then, not where
  // the pointer is by the time a slow frame handles it (glfwGetCursorPos asks the X server now).
  std::optional<std::pair<double, double>> m_lastMotion;

  GlfwLibrary m_library;
  std::unique_ptr<GLFWwindow, WindowDeleter> m_window;
  std::unique_ptr<ImGuiBackends> m_imgui;
  bool m_fullscreen = false;
  bool m_allowQuit = false;
  bool m_inputArrived = false;
  bool m_touched = false;
};

}  // namespace wof::platform

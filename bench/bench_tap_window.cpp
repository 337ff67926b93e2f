// The P3 anchor: the least a GLFW/OpenGL program can do to answer a tap. A window of the kiosk's
// size sleeps in glfwWaitEvents; a press or release changes its colour, drawn and swapped at once.
// Layer: bench. Prints "wof-frame N" after each frame and "wof-swap N <monotonic ns>" after each
// swap to stderr, as the kiosk does under WOF_BENCH_FRAME_LOG. Usage: wof_bench_tap_window [W H]
#define GLFW_INCLUDE_NONE
#define GL_GLEXT_PROTOTYPES 1
#include <GL/glcorearb.h>
#include <GLFW/glfw3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace {

bool g_redraw = true;
bool g_down = false;

long long monotonicNs() {
  return static_cast<long long>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count());
}

}  // namespace

int main(int argc, char** argv) {
  const int width = argc > 2 ? std::atoi(argv[1]) : 1920;
  const int height = argc > 2 ? std::atoi(argv[2]) : 1080;
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
  GLFWwindow* window = glfwCreateWindow(width, height, "tap anchor", nullptr, nullptr);
  if (!window) return 1;
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  glfwSetMouseButtonCallback(window, [](GLFWwindow*, int, int action, int) {
    g_down = action == GLFW_PRESS;
    g_redraw = true;
  });
  glfwSetWindowRefreshCallback(window, [](GLFWwindow*) { g_redraw = true; });
  for (int frame = 0; !glfwWindowShouldClose(window);) {
    glfwWaitEvents();
    if (!g_redraw) continue;
    g_redraw = false;
    glViewport(0, 0, width, height);
    if (g_down) {
      glClearColor(0.70f, 0.29f, 0.14f, 1.0f);
    } else {
      glClearColor(0.96f, 0.94f, 0.90f, 1.0f);
    }
    glClear(GL_COLOR_BUFFER_BIT);
    std::fprintf(stderr, "wof-frame %d %lld 0 input 0\n", frame, monotonicNs());
    glfwSwapBuffers(window);
    std::fprintf(stderr, "wof-swap %d %lld\n", frame, monotonicNs());
    std::fflush(stderr);
    ++frame;
  }
  glfwDestroyWindow(window);
  glfwTerminate();
  return 0;
}

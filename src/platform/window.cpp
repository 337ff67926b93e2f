// The one platform seam: GLFW window, GL context, ImGui backends, event wait and read-back.
// Layer: platform. The only file that includes GLFW.
#define GLFW_INCLUDE_NONE
#define GL_GLEXT_PROTOTYPES 1
#include <GL/glcorearb.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include "platform/window.hpp"

#include "core/util/log.hpp"

#include <cstring>
#include <stdexcept>

namespace wof::platform {

// [SECTION] GLFW library and ImGui backends

Window::GlfwLibrary::GlfwLibrary() {
  glfwSetErrorCallback([](int code, const char* message) {
    core::logError("window", "GLFW error " + std::to_string(code) + ": " + message);
  });
  if (glfwInit() != GLFW_TRUE) throw std::runtime_error("cannot open a window: GLFW could not start (is DISPLAY set?)");
}

Window::GlfwLibrary::~GlfwLibrary() { glfwTerminate(); }

void Window::WindowDeleter::operator()(GLFWwindow* window) const { glfwDestroyWindow(window); }

struct Window::ImGuiBackends {
  ImGuiBackends(GLFWwindow* window, const char* glslVersion) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk keeps no window layout between runs
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;  // we decide whether a cursor shows
    if (!ImGui_ImplGlfw_InitForOpenGL(window, true) || !ImGui_ImplOpenGL3_Init(glslVersion)) {
      ImGui::DestroyContext();
      throw std::runtime_error("cannot start the ImGui backends for this GL context");
    }
  }
  ~ImGuiBackends() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
  }
  ImGuiBackends(const ImGuiBackends&) = delete;
  ImGuiBackends& operator=(const ImGuiBackends&) = delete;
};

// [SECTION] window

namespace {

struct ContextVersion {
  int major;
  int minor;
  bool core;
  const char* glsl;
};
// 3.3 core first; 3.0 for older drivers. Mesa's llvmpipe (Xvfb, VMs) gives 3.3 core.
constexpr ContextVersion kContextVersions[] = {{3, 3, true, "#version 330"}, {3, 0, false, "#version 130"}};

GLFWmonitor* chooseMonitor(int index) {
  int count = 0;
  GLFWmonitor** monitors = glfwGetMonitors(&count);
  if (count == 0) throw std::runtime_error("cannot go full screen: no monitor is connected");
  if (index < 0 || index >= count) {
    core::logWarning("window", "monitor " + std::to_string(index) + " does not exist (" + std::to_string(count) +
                                   " connected); using the primary one");
    return glfwGetPrimaryMonitor();
  }
  return monitors[index];
}

Window* owner(GLFWwindow* window) { return static_cast<Window*>(glfwGetWindowUserPointer(window)); }

}  // namespace

Window::Window(const WindowOptions& options) : m_fullscreen(options.fullscreen), m_allowQuit(options.allowQuit) {
  GLFWmonitor* monitor = m_fullscreen ? chooseMonitor(options.monitor) : nullptr;
  int width = options.width;
  int height = options.height;
  if (monitor != nullptr) {
    const GLFWvidmode* mode = glfwGetVideoMode(monitor);
    width = mode->width;
    height = mode->height;
  }
  const char* glsl = nullptr;
  for (const ContextVersion& version : kContextVersions) {
    glfwDefaultWindowHints();
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, version.major);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, version.minor);
    if (version.core) {
      glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
      glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    }
    glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);  // fonts are rasterised for one size
    m_window.reset(glfwCreateWindow(width, height, options.title.c_str(), monitor, nullptr));
    if (m_window) {
      glsl = version.glsl;
      break;
    }
  }
  if (!m_window) throw std::runtime_error("cannot open a window with OpenGL 3.0 or later");

  glfwMakeContextCurrent(m_window.get());
  glfwSwapInterval(1);
  if (m_fullscreen) glfwSetInputMode(m_window.get(), GLFW_CURSOR, GLFW_CURSOR_HIDDEN);
  installCallbacks();  // before ImGui's, which chain to ours
  m_imgui = std::make_unique<ImGuiBackends>(m_window.get(), glsl);
}

Window::~Window() = default;

void Window::installCallbacks() {
  GLFWwindow* window = m_window.get();
  glfwSetWindowUserPointer(window, this);
  glfwSetMouseButtonCallback(window, [](GLFWwindow* w, int button, int action, int) {
    owner(w)->m_inputArrived = true;
    if (action == GLFW_PRESS) owner(w)->m_touched = true;
    if (button != GLFW_MOUSE_BUTTON_LEFT) return;
    double x = 0, y = 0;
    if (const auto& at = owner(w)->m_lastMotion) {
      x = at->first;
      y = at->second;
    } else {
      glfwGetCursorPos(w, &x, &y);
    }
    owner(w)->m_pointer.push_back(PointerEvent{x, y, action == GLFW_PRESS ? 1 : 0});
  });
  glfwSetCursorPosCallback(window, [](GLFWwindow* w, double x, double y) {
    Window* self = owner(w);
    self->m_inputArrived = true;
    self->m_lastMotion = std::make_pair(x, y);
    if (!self->m_pointer.empty() && self->m_pointer.back().down < 0) self->m_pointer.pop_back();  // keep the latest
    self->m_pointer.push_back(PointerEvent{x, y, -1});
  });
  glfwSetScrollCallback(window, [](GLFWwindow* w, double, double) { owner(w)->m_inputArrived = true; });
  glfwSetKeyCallback(window, [](GLFWwindow* w, int key, int, int action, int) {
    owner(w)->m_inputArrived = true;
    owner(w)->m_touched = true;
    if (key == GLFW_KEY_ESCAPE && action == GLFW_PRESS && owner(w)->m_allowQuit) glfwSetWindowShouldClose(w, GLFW_TRUE);
  });
  glfwSetCharCallback(window, [](GLFWwindow* w, unsigned) { owner(w)->m_inputArrived = true; });
  glfwSetCursorEnterCallback(window, [](GLFWwindow* w, int) { owner(w)->m_inputArrived = true; });
  glfwSetWindowFocusCallback(window, [](GLFWwindow* w, int) { owner(w)->m_inputArrived = true; });
  glfwSetWindowRefreshCallback(window, [](GLFWwindow* w) { owner(w)->m_inputArrived = true; });
  glfwSetFramebufferSizeCallback(window, [](GLFWwindow* w, int, int) { owner(w)->m_inputArrived = true; });
}

bool Window::waitForEvents(double timeoutS) {
  m_inputArrived = false;
  if (!m_pointer.empty()) {  // queued touches still to feed: no sleeping
    glfwPollEvents();
    return true;
  }
  if (timeoutS > 0) {
    glfwWaitEventsTimeout(timeoutS);
  } else {
    glfwPollEvents();
  }
  return m_inputArrived;
}

void Window::wake() { glfwPostEmptyEvent(); }

bool Window::takeTouch() {
  const bool touched = m_touched;
  m_touched = false;
  return touched;
}

void Window::discardInput() {
  m_pointer.clear();
  m_pointerDown = false;
  m_inputArrived = false;
}

bool Window::closeRequested() {
  if (glfwWindowShouldClose(m_window.get()) == GLFW_FALSE) return false;
  if (!m_fullscreen || m_allowQuit) return true;
  glfwSetWindowShouldClose(m_window.get(), GLFW_FALSE);
  return false;
}

// [SECTION] frames

void Window::uploadFonts() {
  if (!ImGui_ImplOpenGL3_CreateDeviceObjects()) throw std::runtime_error("cannot upload the fonts to the GPU");
  ImGui::GetIO().Fonts->ClearTexData();
}

void Window::beginFrame() {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  feedPointer();
  ImGui::NewFrame();
}

void Window::feedPointer() {
  ImGuiIO& io = ImGui::GetIO();
  while (!m_pointer.empty()) {
    const PointerEvent event = m_pointer.front();
    m_pointer.pop_front();
    io.MousePos = ImVec2(static_cast<float>(event.x), static_cast<float>(event.y));
    if (event.down >= 0) {
      m_pointerDown = event.down == 1;
      break;  // one press or release per frame
    }
  }
  io.MouseDown[0] = m_pointerDown;
}

void Window::endFrame() {
  ImGui::Render();
  glViewport(0, 0, framebufferWidth(), framebufferHeight());
  const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(clear.x, clear.y, clear.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Window::showBlack() {
  glViewport(0, 0, framebufferWidth(), framebufferHeight());
  glClearColor(0.0f, 0.0f, 0.0f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  glfwSwapBuffers(m_window.get());
}

void Window::present() { glfwSwapBuffers(m_window.get()); }

core::Rgba Window::readPixels() const {
  core::Rgba image;
  image.width = framebufferWidth();
  image.height = framebufferHeight();
  const std::size_t rowBytes = static_cast<std::size_t>(image.width) * 4;
  std::vector<std::uint8_t> bottomUp(rowBytes * image.height);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, image.width, image.height, GL_RGBA, GL_UNSIGNED_BYTE, bottomUp.data());
  image.pixels.resize(bottomUp.size());
  for (int y = 0; y < image.height; ++y) {
    std::memcpy(&image.pixels[y * rowBytes], &bottomUp[(image.height - 1 - y) * rowBytes], rowBytes);
  }
  for (std::size_t i = 3; i < image.pixels.size(); i += 4) image.pixels[i] = 255;
  return image;
}

int Window::framebufferWidth() const {
  int width = 0;
  glfwGetFramebufferSize(m_window.get(), &width, nullptr);
  return width;
}

int Window::framebufferHeight() const {
  int height = 0;
  glfwGetFramebufferSize(m_window.get(), nullptr, &height);
  return height;
}

float Window::contentScale() const {
  float x = 1.0f;
  glfwGetWindowContentScale(m_window.get(), &x, nullptr);
  return x;
}

}  // namespace wof::platform

/* Starts Swagger UI on /api/docs from the locally served bundle (an inline script would break the CSP). */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") return;
  window.SwaggerUIBundle({ url: root.getAttribute("data-openapi-url"), dom_id: "#swagger-ui" });
});

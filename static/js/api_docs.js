// The API documentation page (templates/api/docs.html): Swagger UI on the schema named by the page, from
// drf-spectacular-sidecar's files. A static file, so the Content-Security-Policy needs no inline script.
window.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis, window.SwaggerUIStandalonePreset],
    layout: "StandaloneLayout",
  });
});

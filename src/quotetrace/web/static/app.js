// Optional: "/" jumps to the search box. Every page works without this file.
document.addEventListener("keydown", (event) => {
  const field = document.querySelector("input[type=search]");
  const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement.tagName);
  if (event.key === "/" && field && !typing) {
    event.preventDefault();
    field.focus();
  }
});

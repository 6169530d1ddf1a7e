// Small helpers the console calls through JS interop.
window.smsPortal = {
  setThemeCookie: function (dark) {
    document.cookie = "smsportal.theme=" + (dark ? "dark" : "light") + "; path=/; max-age=31536000; samesite=lax";
    // The page's own colours (background, phone preview) follow the body class, not only MudBlazor's palette.
    document.body.classList.toggle("sp-dark", dark);
    document.body.classList.toggle("sp-light", !dark);
  },
  copyText: function (text) {
    return navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject("no clipboard");
  }
};

// Small helpers the console calls through JS interop.
window.smsPortal = {
  setThemeCookie: function (dark) {
    document.cookie = "smsportal.theme=" + (dark ? "dark" : "light") + "; path=/; max-age=31536000; samesite=lax";
  },
  copyText: function (text) {
    return navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject("no clipboard");
  }
};

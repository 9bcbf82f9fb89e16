// @ts-check
// Los mensajes del flujo en español (las mismas claves que messages-en.js; TypeScript lo comprueba).
// Se carga solo cuando se pide (`locale: "es"`).

/** @satisfies {import("loginradius-pin-reset/flow").Catalog} */
const es = {
  validation: { title: "Hay campos que corregir.", action: "Corrige los campos marcados y vuelve a intentarlo." },
  api: { title: "No se aceptó la solicitud.", action: "Vuelve a intentarlo. Si sigue pasando, contacta con soporte." },
  network: { title: "No pudimos conectar con el servidor.", action: "Revisa tu conexión a internet y vuelve a intentarlo." },
  timeout: { title: "El servidor no respondió a tiempo.", action: "Vuelve a intentarlo en un momento." },
  aborted: { title: "Cancelaste la solicitud.", action: "Pide el código de nuevo cuando quieras." },
  invalid_response: {
    title: "El servidor envió una respuesta que no entendemos.",
    action: "Vuelve a intentarlo en un momento. Si sigue pasando, contacta con soporte.",
  },
  load: { title: "Este formulario no se pudo cargar.", action: "Revisa tu conexión y recarga la página." },
  not_loaded: { title: "Este formulario aún no está listo.", action: "Recarga la página y vuelve a intentarlo." },
  cooldown: {
    title: "Ya hay un código en camino.",
    action: "Espera {seconds} segundos antes de pedir otro: un código nuevo anula el que ya tienes.",
  },
  locked: { title: "Esta cuenta está bloqueada por ahora.", action: "Vuelve a intentarlo después de las {until}." },
  send_timeout: {
    title: "No sabemos si el código se envió.",
    action: "Si llega un código, escríbelo abajo. Si no llega, pide otro cuando el botón lo permita.",
  },
  reset_timeout: {
    title: "No recibimos respuesta: puede que tu PIN haya cambiado o no.",
    action: "Pide un código nuevo y úsalo para establecer tu PIN otra vez.",
  },
  token_timeout: {
    title: "No recibimos respuesta: puede que tu PIN haya cambiado o no.",
    action: "Prueba a entrar con tu PIN nuevo. Si no funciona, pide otro correo para restablecerlo.",
  },
  reset_aborted: {
    title: "Dejaste de esperar: puede que tu PIN haya cambiado o no.",
    action: "Pide un código nuevo y úsalo para establecer tu PIN otra vez.",
  },
  rate_limited: { title: "Demasiados intentos en poco tiempo.", action: "Espera {seconds} segundos y vuelve a intentarlo." },
  lockout_untimed: {
    title: "Demasiados códigos incorrectos: esta cuenta está bloqueada por ahora.",
    action: "Espera un rato y pide un código nuevo.",
  },
  token_rejected: {
    title: "Este enlace ya no funciona.",
    action: "Puede que ya se haya usado o que haya caducado. Pide otro correo para restablecer el PIN.",
  },
  setup: { title: "El restablecimiento del PIN no está bien configurado en este sitio.", action: "Contacta con el soporte del sitio." },
  server_error: { title: "El servidor tuvo un problema.", action: "Vuelve a intentarlo en unos minutos." },
  field_email: "Escribe tu correo electrónico, como nombre@ejemplo.com.",
  field_phone: "Escribe tu número de teléfono con el código de país y sin espacios, como +919876543210.",
  field_username: "Escribe tu nombre de usuario, sin espacios.",
  field_identifier: "Escribe tu correo electrónico, tu número de teléfono o tu nombre de usuario.",
  field_otp: "Escribe el código de tu mensaje: letras y dígitos, sin espacios.",
  field_pin: "Escribe un PIN nuevo, sin espacios.",
  field_resetToken: "Este enlace de restablecimiento está incompleto. Pide un nuevo correo de restablecimiento.",
  901: { title: "El restablecimiento del PIN no está bien configurado en este sitio.", action: "Contacta con el soporte del sitio." },
  908: { title: "Faltaba algún dato necesario.", action: "Rellena todos los campos y vuelve a intentarlo." },
  920: { title: "El restablecimiento del PIN no está bien configurado en este sitio.", action: "Contacta con el soporte del sitio." },
  938: { title: "No encontramos esa cuenta.", action: "Revisa lo que escribiste o prueba con otro correo, teléfono o usuario." },
  950: { title: "El servidor tuvo un problema.", action: "Vuelve a intentarlo en unos minutos." },
  982: { title: "No se aceptó el captcha.", action: "Resuelve el captcha de nuevo y vuelve a intentarlo." },
  991: { title: "Esta cuenta está bloqueada.", action: "Contacta con el soporte del sitio para desbloquearla." },
  1038: { title: "Ese correo electrónico no es válido.", action: "Revisa si hay errores y vuelve a intentarlo." },
  1066: { title: "Este número de teléfono no está verificado.", action: "Usa tu correo o tu usuario, o verifica primero el número." },
  1067: { title: "Ese código no es correcto.", action: "Revisa el código del mensaje y escríbelo de nuevo." },
  1068: { title: "Ese código ya se usó.", action: "Pide un código nuevo." },
  1069: { title: "Ese código ha caducado.", action: "Pide un código nuevo." },
  1074: { title: "Aquí no se pueden usar números de teléfono.", action: "Usa tu correo o tu usuario." },
  1079: { title: "No se pudo leer la solicitud.", action: "Recarga la página y vuelve a intentarlo." },
  1083: { title: "No se pudo leer la solicitud.", action: "Recarga la página y vuelve a intentarlo." },
  1096: { title: "Ese número de teléfono no es válido.", action: "Escríbelo con el prefijo del país, por ejemplo +34612345678." },
  1132: { title: "Esta cuenta está bloqueada.", action: "Inicia sesión en el sitio y resuelve el captcha para desbloquearla." },
  1134: { title: "Ese PIN no está permitido.", action: "Elige un PIN que cumpla las reglas indicadas abajo." },
  1148: { title: "Esta cuenta está bloqueada.", action: "Inicia sesión en el sitio y responde tu pregunta de seguridad para desbloquearla." },
  1183: { title: "Aquí no se pueden usar correos electrónicos.", action: "Usa tu nombre de usuario." },
  1198: { title: "Demasiados códigos incorrectos: esta cuenta está bloqueada.", action: "Espera hasta las {until} y pide un código nuevo." },
  1214: { title: "Lo que escribiste tiene caracteres no permitidos.", action: "Quita los signos < y & y vuelve a intentarlo." },
  1233: { title: "Los PIN no están activados en este sitio.", action: "Contacta con el soporte del sitio." },
  1238: { title: "Aquí no se pueden usar nombres de usuario.", action: "Usa tu correo o tu número de teléfono." },
  1409: { title: "El restablecimiento del PIN no está bien configurado en este sitio.", action: "Contacta con el soporte del sitio." },
  6003: { title: "El restablecimiento del PIN no está disponible ahora en este sitio.", action: "Contacta con el soporte del sitio." },
};

export default es;

/** Las palabras del elemento <loginradius-pin-reset> en español. */
/** @satisfies {import("loginradius-pin-reset/element").UiText} */
export const ui = {
  form: "Restablecer tu PIN",
  legend: "Restablecer tu PIN con",
  email: "Correo",
  phone: "Teléfono",
  username: "Usuario",
  emailLabel: "Correo electrónico",
  phoneLabel: "Número de teléfono",
  usernameLabel: "Tu nombre de usuario",
  otp: "Código de un solo uso",
  pin: "PIN nuevo",
  tokenPin: "Tu PIN nuevo",
  send: "Envíame un código",
  reset: "Restablecer mi PIN",
  resend: "Enviar un código nuevo",
  resendIn: "Enviar un código nuevo (en {seconds} s)",
  back: "Atrás",
  setPin: "Guardar mi PIN nuevo",
  cancel: "Cancelar",
  working: "Un momento…",
  tokenHint: "Elige un PIN nuevo para tu cuenta.",
  sentTo: "Enviamos un código a {to}.",
  sentToUsername: "Enviamos un código al correo de {to}.",
  done: "Tu PIN se restableció. Inicia sesión con tu PIN nuevo.",
};

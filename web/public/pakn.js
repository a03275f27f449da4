// Small enhancements on top of pages that work without JavaScript: focus the error summary, move
// focus to a field from its summary link, "use my location", and the category's deadline promise.
(function () {
  'use strict';
  var summary = document.querySelector('[data-focus-on-load]');
  if (summary) summary.focus();
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('.error-summary a[href^="#"]');
    if (!link) return;
    var field = document.getElementById(link.getAttribute('href').slice(1));
    if (!field) return;
    event.preventDefault();
    var focusable = field.matches('input, select, textarea') ? field : field.querySelector('input, select, textarea');
    (focusable || field).focus();
    field.scrollIntoView({ block: 'center' });
  });

  var geo = document.querySelector('[data-geolocate]');
  if (geo && navigator.geolocation) {
    var status = geo.querySelector('.location__status');
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button--secondary';
    button.textContent = geo.getAttribute('data-label');
    geo.insertBefore(button, status);
    button.addEventListener('click', function () {
      navigator.geolocation.getCurrentPosition(
        function (position) {
          var lat = position.coords.latitude.toFixed(6);
          var lng = position.coords.longitude.toFixed(6);
          document.getElementById('f-location-lat').value = lat;
          document.getElementById('f-location-lng').value = lng;
          status.textContent = status.getAttribute('data-found').replace('{lat}', lat).replace('{lng}', lng);
        },
        function () {
          status.textContent = status.getAttribute('data-failed');
        },
        { enableHighAccuracy: true, timeout: 10000 },
      );
    });
  }

  var category = document.getElementById('f-categoryCode');
  var promise = document.getElementById('category-promise');
  if (category && promise) {
    category.addEventListener('change', function () {
      var option = category.options[category.selectedIndex];
      promise.textContent = (option && option.getAttribute('data-note')) || '';
    });
  }
})();
